package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetGuildRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back office as people use it, in a real headless Chromium against the real server: one server
 * (which each subclass starts on its database with the tokens of src/test/resources/tokens.txt) and
 * one browser for the class. The data comes in over gRPC, as the platform's services send it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleInBrowserContract {
    static final String READER = "reader-token-for-tests";
    static final String BACKOFFICE = "backoffice-token-for-tests";
    static final String ADMIN = "admin-token-for-tests";
    /** Manages guilds stars and stars-juniors (src/test/resources/tokens.txt). */
    static final String GUILD_MANAGER = "guild_manager-token-for-tests";
    static final String MODERATOR = "moderator-token-for-tests";
    /** Level 4: a SERIOUS violation costs 6 points, a SEVERE one 8. */
    static final int LEVEL = 4;

    static RunningServer server;
    static Browser browser;
    /** Names screenshots after the database, so the two runs do not overwrite each other's. */
    static String database;

    /** Called by each subclass once its server runs: the console, the browser and the platform's data. */
    static void openConsole(String databaseName) throws IOException {
        database = databaseName;
        browser = Browser.open(server.startConsole());
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId("seed-guild-1").setGuildId("starlight")
                .setDisplayName("Starlight Agency").build());
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId("seed-guild-2").setGuildId("rivermoon")
                .setDisplayName("Rivermoon Media").build());
        register("mia", "Mia Chen", "starlight");
        register("leo", "Leo Wang", "starlight");
        register("kai", "Kai Zhou", "rivermoon");
        register("ava", "Ava Lin", "");
        register("zoe", "<script>alert('zoe')</script>", "");
        violation("mia", "SEXUALLY_SUGGESTIVE", 1);
        String harassment = violation("mia", "HARASSMENT", 2);
        violation("mia", "DANGEROUS_ACTS", 3);
        violations().fileAppeal(FileAppealRequest.newBuilder().setRequestId("seed-appeal").setViolation(harassment)
                .setStatement("the viewer insulted me first; see the full clip").build());
        for (int i = 1; i <= 8; i++) {
            violation("kai", "MINOR_ENDANGERMENT", 10 + i);
        }
        // 100 - 7 × 8 = 44: four points above the line of RESTRICTED, within the warning margin of 5.
        for (int i = 1; i <= 7; i++) {
            violation("ava", "MINOR_ENDANGERMENT", 20 + i);
        }
    }

    @AfterAll
    static void closeBrowserAndServer() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @AfterEach
    void signOut() {
        if (browser != null) {
            browser.signOut();
        }
    }

    @Test
    @Order(1)
    void theBackOfficeFindsAnAnchorByNameAndReadsItsStandingAndTimeline() {
        browser.signIn(BACKOFFICE);
        assertEquals("/", browser.path());
        assertTrue(browser.text("#visitor").contains("guild-desk"), browser.text("#visitor"));
        browser.screenshot(database + "-overview");
        assertTrue(browser.text("#drops").contains("Kai Zhou"), "kai dropped to RESTRICTED: " + browser.text("#drops"));
        assertTrue(browser.text("#near").contains("Ava Lin"), "ava is 4 points above 40: " + browser.text("#near"));
        assertTrue(browser.text("#pending-appeals").contains("Harassment"), browser.text("#pending-appeals"));

        browser.follow("a[href='/anchors']");
        browser.type("#q", "mia ch");
        browser.follow("#search");
        List<String> found = browser.all("#anchors tbody tr").stream().map(row -> row.getText()).toList();
        assertEquals(1, found.size(), found.toString());
        browser.follow("#anchors a[href='/anchors/mia']");

        Anchor mia = anchor("mia");
        assertEquals("Mia Chen mia", browser.text("#anchor-name"));
        assertEquals(String.valueOf(mia.getStanding().getScore()), browser.text("#score"));
        assertEquals(100 - 6 - 4 - 6, mia.getStanding().getScore());
        assertEquals(7, browser.all("#capabilities tbody tr").size());
        assertEquals(4, browser.all("#timeline svg circle.dot").size(), "the opening entry and three deductions");
        assertEquals(4, browser.all("#ledger tbody tr").size());
        assertTrue(browser.text("#ledger").contains("ops"), "the ledger names the actor who recorded them");
        assertEquals(3, browser.all("#violations tbody tr").size());
        browser.screenshot(database + "-anchor");
    }

    @Test
    @Order(2)
    void guildViolationsDownToRemovalPublishANoticeThatAnyoneCanRead() {
        browser.signIn(BACKOFFICE);
        browser.go("/guilds/rivermoon");
        // Kai's eight severe violations cost the guild 2 points each: 84, then 20 for each of its own.
        assertEquals("84", browser.text("#guild-score"));
        for (int month = 1; month <= 2; month++) {
            browser.find("#severity option[value='SEVERE']").click();
            browser.type("#description", "unpaid anchor contracts, month " + month);
            browser.follow("#record-guild-violation");
            assertTrue(browser.text("#consequence").contains(month == 1 ? "from 84 to 64" : "the guild is removed"),
                    browser.text("#consequence"));
            assertEquals(String.valueOf(84 - 20 * (month - 1)), String.valueOf(guild("rivermoon").getScore()),
                    "nothing is deducted before the confirmation");
            if (month == 2) {
                browser.screenshot(database + "-confirm-guild-removal");
            }
            browser.follow("#confirm");
            assertTrue(browser.text("#notice").startsWith("20 points deducted"), browser.text("#notice"));
            assertEquals(String.valueOf(guild("rivermoon").getScore()), browser.text("#guild-score"));
        }
        assertEquals("44", browser.text("#guild-score"));
        assertTrue(browser.text("#notice").contains("removed"), browser.text("#notice"));
        assertTrue(browser.text("#removal-notice").contains("unpaid anchor contracts, month 2"));
        assertTrue(browser.all("#guild-violation").isEmpty(), "a removed guild takes no more violations");
        assertTrue(browser.all("#members tbody tr").isEmpty(), "its members were released");
        assertTrue(browser.text("#members-at-removal").contains("Kai Zhou"),
                "and are listed as its members at removal: " + browser.text("#members-at-removal"));
        assertEquals(12, browser.all("#guild-events tbody tr").size(),
                "opening, Kai joining, 8 member violations, 2 of its own");
        assertEquals(12, browser.all("#guild-history svg circle.dot").size());
        assertEquals(Guild.Status.REMOVED, guild("rivermoon").getStatus());
        browser.screenshot(database + "-guild-removed");
        browser.go("/guilds/rivermoon?lang=zh-CN");
        try {
            String ledger = browser.text("#guild-events");
            assertTrue(ledger.contains("成员 Kai Zhou（kai） 违规：危害未成年人"), "a member's violation in words: " + ledger);
            assertTrue(ledger.contains("unpaid anchor contracts, month 2"), "the guild's own, as the moderator wrote it");
            assertFalse(ledger.contains("MINOR_ENDANGERMENT") || ledger.contains("member kai"), ledger);
            String removal = browser.text("#removal-reason");
            assertEquals("公会分数降至 44，达到 50 分的清退线，起因：unpaid anchor contracts, month 2", removal,
                    "the notice's reason told from the charge that removed the guild");
            browser.screenshot(database + "-guild-removed-zh");
        } finally {
            browser.go("/notices?lang=en");
        }

        browser.signOut();
        browser.go("/notices");
        assertEquals("/notices", browser.path(), "the public notices need no sign-in");
        assertTrue(browser.text("#notices").contains("guilds/rivermoon"));
        browser.screenshot(database + "-notices");
        browser.go("/guilds/rivermoon");
        assertTrue(browser.path().startsWith("/sign-in"), "the guild's page does: " + browser.path());
    }

    @Test
    @Order(3)
    void aReaderSeesNoWriteControls() {
        browser.signIn(READER);
        for (String page : List.of("/anchors/mia", "/guilds/starlight", "/guilds", "/policies", "/anchors")) {
            browser.go(page);
            assertEquals(List.of("/sign-out"), browser.all("form[method='post']").stream()
                    .map(form -> form.getAttribute("action").replaceFirst("^https?://[^/]+", "")).toList(), page);
        }
        browser.go("/guilds/starlight");
        browser.screenshot(database + "-reader-guild");
    }

    @Test
    @Order(4)
    void aForgedWriteIsRefusedAndWritesNothing() {
        int before = guild("starlight").getScore();
        browser.signIn(READER);
        browser.go("/guilds/starlight");
        // The reader's own session and CSRF token, on a form the page never offered them.
        postFromThePage("/guilds/starlight/violations", true);
        assertTrue(browser.text("#error").contains("403"), browser.pageText());
        browser.screenshot(database + "-forged-write-refused");
        browser.signOut();

        browser.signIn(BACKOFFICE);
        browser.go("/guilds/starlight");
        postFromThePage("/guilds/starlight/violations", false);
        assertTrue(browser.text("#error").contains("403"), browser.pageText());
        assertEquals(before, guild("starlight").getScore(), "nothing was deducted");
    }

    @Test
    @Order(5)
    void theLabelsRenderInChinese() {
        browser.signIn(BACKOFFICE);
        browser.go("/anchors/mia");
        browser.follow("a.language");
        browser.screenshot(database + "-anchor-zh-CN");
        String chinese = browser.pageText();
        browser.follow("a.language");
        assertTrue(browser.text("header nav").contains("Anchors"), "switched back: " + browser.text("header nav"));
        assertTrue(chinese.contains("主播") && chinese.contains("健康状况") && chinese.contains("分数流水")
                && chinese.contains("骚扰他人"), "violation types in words too: " + chinese);
    }

    @Test
    @Order(6)
    void outputIsEscaped() {
        browser.signIn(BACKOFFICE);
        browser.go("/anchors/zoe");
        assertEquals("<script>alert('zoe')</script> zoe", browser.text("#anchor-name"));
    }

    @Test
    @Order(7)
    void anAdminSimulatesACandidateAndPublishesItAfterConfirming() {
        browser.signIn(ADMIN);
        browser.go("/policies");
        browser.type("#restricted_below", "90");
        browser.follow("#simulate");
        assertTrue(browser.text("#moves").contains("mia"), browser.text("#simulation"));
        assertFalse(browser.all("#simulation svg rect.bar").isEmpty());
        browser.screenshot(database + "-policy-simulation");
        assertTrue(browser.text("#simulation").contains("Restricted below: 40 → 90"), browser.text("#simulation"));
        browser.follow("#publish");
        assertTrue(browser.text("#confirm-publication").contains("Restricted below: 40 → 90"),
                browser.text("#confirm-publication"));
        browser.type("#note", "a stricter ladder for the trial's second month");
        browser.screenshot(database + "-policy-confirm");
        browser.follow("#confirm-publish");
        assertTrue(browser.text("#notice").contains("version 2"), browser.text("#notice"));
        assertEquals("RESTRICTED", anchor("mia").getStanding().getTier().name());
        String published = browser.text("#version-2");
        assertTrue(published.contains("ops") && published.contains("a stricter ladder for the trial's second month"),
                "the version names its author and note: " + published);
    }

    @Test
    @Order(8)
    void theBackOfficeDecidesAnAppealAndSeesTheScoreMove() {
        int before = anchor("mia").getStanding().getScore();
        browser.signIn(BACKOFFICE);
        browser.follow("a[href='/appeals']");
        assertEquals(1, browser.all("#appeals tbody tr").size());
        assertTrue(browser.text("#appeals").contains("Harassment") && browser.text("#appeals").contains("clip://mia/2"),
                "the violation and its evidence: " + browser.text("#appeals"));
        browser.screenshot(database + "-appeals");
        browser.type("#appeals textarea[name='note']", "the clip shows the viewer started it");
        browser.follow("#appeals button[value='OVERTURN']");
        assertTrue(browser.text("#confirmation").contains("the clip shows the viewer started it"),
                browser.text("#confirmation"));
        assertEquals(before, anchor("mia").getStanding().getScore(), "nothing is decided before the confirmation");
        browser.screenshot(database + "-confirm-overturn");
        browser.follow("#confirm");
        int after = anchor("mia").getStanding().getScore();
        assertEquals(before + 4, after, "the harassment's 4 points are given back");
        assertEquals("Appeal of mia overturned: score " + before + " → " + after + ".", browser.text("#notice"));
        assertTrue(browser.all("#appeals tbody tr").isEmpty(), "the queue is empty");

        browser.go("/anchors/mia");
        assertEquals(String.valueOf(after), browser.text("#score"));
        assertTrue(browser.text("#ledger").contains("restoration"), browser.text("#ledger"));
        assertTrue(browser.text("#violations").contains("overturned"), browser.text("#violations"));
    }

    @Test
    @Order(9)
    void anAdminAdjustsAScoreWithAReason() {
        int before = anchor("leo").getStanding().getScore();
        browser.signIn(ADMIN);
        browser.go("/anchors/leo");
        browser.type("#delta", "-7");
        browser.type("#reason", "chargeback fraud confirmed by payments");
        browser.follow("#adjust-score");
        assertTrue(browser.text("#consequence").startsWith("The score goes from " + before + " to " + (before - 7)),
                browser.text("#consequence"));
        browser.follow("#confirm");
        assertEquals("Score adjusted: " + before + " → " + (before - 7) + ".", browser.text("#notice"));
        assertEquals(before - 7, anchor("leo").getStanding().getScore());
        assertTrue(browser.text("#ledger").contains("chargeback fraud confirmed by payments"));
        browser.screenshot(database + "-adjusted");
    }

    @Test
    @Order(10)
    void theBackOfficeSortsAnchorsByScoreBothWaysAndSeesHowManyThereAre() {
        browser.signIn(BACKOFFICE);
        browser.go("/anchors");
        List<String> ids = List.of("ava", "kai", "leo", "mia", "zoe");
        assertEquals("1–5 of 5", browser.text("#anchors-pager .range"));
        assertEquals(ids, firstCells("#anchors"), "by id until asked otherwise");
        List<String> lowestFirst = ids.stream().sorted(byScore()).toList();
        browser.follow("#sort-score");
        assertEquals(lowestFirst, firstCells("#anchors"));
        assertEquals("ascending", browser.find("#anchors th:nth-child(3)").getAttribute("aria-sort"));
        browser.screenshot(database + "-anchors-lowest-first");
        browser.follow("#sort-score");
        List<String> highestFirst = new ArrayList<>(lowestFirst);
        Collections.reverse(highestFirst);
        assertEquals(highestFirst, firstCells("#anchors"), "a second click: highest first");
    }

    @Test
    @Order(11)
    void aGuildsMembersSortByScoreAndFilterByTier() {
        browser.signIn(BACKOFFICE);
        browser.go("/guilds/starlight");
        browser.follow("#members #sort-score");
        List<String> members = List.of("leo", "mia").stream().sorted(byScore()).toList();
        assertEquals(members, firstCells("#members"));
        String tier = anchor(members.get(0)).getStanding().getTier().name();
        browser.find("#member-tier option[value='" + tier + "']").click();
        browser.follow("#filter-members");
        assertEquals(List.of(members.get(0)), firstCells("#members"), "only the members on " + tier);
        assertTrue(browser.text("#members-pager .range").startsWith("1–1 of 1"), browser.text("#members-pager"));
        browser.screenshot(database + "-guild-members-by-tier");
    }

    @Test
    @Order(12)
    void anAnchorsLongHistoryComesInPagesOfFiftyNewestFirst() {
        register("ren", "Ren Long-History", "");
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (int i = 1; i <= 60; i++) {
            batch.addRequests(RecordViolationRequest.newBuilder().setRequestId("ren-" + i).setAnchorId("ren")
                    .setViolationType("VULGAR_LANGUAGE").setSource("moderation").addEvidenceRefs("clip://ren/" + i));
        }
        violations().batchRecordViolations(batch.build());
        browser.signIn(BACKOFFICE);
        browser.go("/anchors/ren");
        assertEquals(50, browser.all("#violations tbody tr").size(), "the newest 50 of 60");
        assertEquals(50, browser.all("#ledger tbody tr").size());
        assertTrue(browser.all("#violations-pager a.next").isEmpty(), "the newest page comes first");
        browser.screenshot(database + "-anchor-long-history");
        browser.follow("#violations-pager a.previous");
        assertEquals(10, browser.all("#violations tbody tr").size(), "the 10 before them");
        assertEquals(50, browser.all("#ledger tbody tr").size(), "the ledger stays on its page");
        browser.follow("#ledger-pager a.previous");
        assertEquals(11, browser.all("#ledger tbody tr").size(), "the opening entry and the first 10 deductions");
        assertEquals(10, browser.all("#violations tbody tr").size(), "the violations stay on theirs");
    }

    /** Lowest score first, ties by id, as the anchors stand now. */
    private static Comparator<String> byScore() {
        return Comparator.comparingInt((String id) -> anchor(id).getStanding().getScore()).thenComparing(id -> id);
    }

    /**
     * A guild manager's day: they see their guild alone, sort its members by score, export them and
     * read the file back, release a member after confirming, file an appeal, and find another guild's
     * anchor missing when its URL is typed.
     */
    @Test
    @Order(13)
    void aGuildManagersDay() {
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId("seed-guild-stars").setGuildId("stars")
                .setDisplayName("Stars Agency 星光").build());
        register("sun", "Sun Li", "stars");
        register("sky", "Sky Wu", "stars");
        violation("sun", "DANGEROUS_ACTS", 41);
        violation("sun", "DANGEROUS_ACTS", 42);
        browser.signIn(GUILD_MANAGER);
        assertTrue(browser.text("#visitor").contains("stars-agency"), browser.text("#visitor"));
        assertFalse(browser.pageText().contains("Ava Lin"), "an anchor of no guild is not the manager's to see");
        assertFalse(browser.pageText().contains("kai"), "nor another guild's");
        browser.go("/guilds");
        assertEquals(List.of("stars"), firstCells("#guilds"));

        browser.go("/guilds/stars");
        browser.follow("#members #sort-score");
        assertEquals(List.of("sun", "sky"), firstCells("#members"), "lowest score first");
        String members = browser.download("/guilds/stars/members.csv");
        assertTrue(members.startsWith("\uFEFF"), "a byte order mark, for spreadsheet programs");
        List<String> rows = members.lines().skip(1).toList();
        assertEquals(2, rows.size(), members);
        assertTrue(members.contains("Sun Li") && members.contains("Sky Wu") && !members.contains("Mia"), members);

        browser.follow("#members form:has(input[value='sky']) button");
        assertTrue(browser.text("#confirmation").contains("Sky Wu"), browser.text("#confirmation"));
        assertEquals("stars", anchor("sky").getGuildId(), "nothing is released before the confirmation");
        browser.screenshot(database + "-manager-confirms-release");
        browser.follow("#confirm");
        assertEquals("", anchor("sky").getGuildId());
        assertEquals(List.of("sun"), firstCells("#members"));
        assertTrue(browser.text("#guild-events").contains("member released"), browser.text("#guild-events"));

        browser.go("/anchors/sun");
        browser.click("#violations details summary");
        browser.type("#violations textarea[name='statement']", "the stunt was staged with a safety team");
        browser.follow("#violations form[action='/anchors/sun/appeals'] button");
        assertTrue(browser.text("#notice").startsWith("Appeal of violation"), browser.text("#notice"));

        browser.go("/anchors/kai");
        assertTrue(browser.pageText().contains("anchors/kai was not found"), browser.pageText());
        assertFalse(browser.pageText().contains("Kai Zhou"));
        browser.go("/guilds/rivermoon");
        assertTrue(browser.pageText().contains("guilds/rivermoon was not found"), browser.pageText());
        browser.screenshot(database + "-manager-another-guild");
    }

    /** A platform moderator's day: decide the guild manager's appeal after confirming, and find it decided. */
    @Test
    @Order(14)
    void aModeratorsDay() {
        browser.signIn(MODERATOR);
        browser.go("/appeals");
        assertTrue(browser.text("#appeals").contains("sun"), browser.text("#appeals"));
        browser.type("#appeals tr:has(a[href='/anchors/sun']) textarea[name='note']", "no safety team in the clip");
        browser.follow("#appeals tr:has(a[href='/anchors/sun']) button[value='UPHOLD']");
        assertTrue(browser.text("#confirmation").contains("no safety team in the clip"), browser.text("#confirmation"));
        browser.follow("#confirm");
        assertTrue(browser.all("#appeals a[href='/anchors/sun']").isEmpty(), "no longer pending");
        browser.follow("#state-UPHELD");
        String decided = browser.text("#appeals");
        assertTrue(decided.contains("sun") && decided.contains("platform-moderator")
                && decided.contains("no safety team in the clip"), decided);
        browser.screenshot(database + "-moderator-decided");
    }

    /**
     * The same in Chinese: the guild's page, a confirmation, a missing anchor and a refused form speak a
     * manager's language.
     */
    @Test
    @Order(15)
    void aGuildManagersDayInChinese() {
        register("moon", "Moon 月", "stars");
        browser.signIn(GUILD_MANAGER);
        browser.go("/guilds/stars?lang=zh-CN");
        try {
            assertTrue(browser.text("#members").contains("成员"), browser.text("#members"));
            browser.follow("#members form:has(input[value='moon']) button");
            assertTrue(browser.text("#confirmation").contains("Moon 月"), browser.text("#confirmation"));
            assertTrue(browser.find("#confirm").getText().matches(".*[\\u4e00-\\u9fff].*"), browser.find("#confirm").getText());
            browser.screenshot(database + "-manager-confirms-release-zh");
            browser.follow("#confirm");
            assertEquals("", anchor("moon").getGuildId());
            String ledger = browser.text("#guild-events");
            assertTrue(ledger.contains("Sun Li（sun） 加入公会") && ledger.contains("moon 与公会解约"),
                    "a member released, no longer the manager's to see, is named by id: " + ledger);
            browser.screenshot(database + "-manager-guild-zh");
            browser.go("/anchors/kai");
            assertEquals("未找到", browser.text("#error h1"));
            assertTrue(browser.text("#error").contains("未找到主播 kai。"), browser.text("#error"));

            browser.go("/guilds/stars");
            browser.type("#add-member input[name='anchor_id']", "mia");
            browser.follow("#add-member button");
            assertTrue(browser.text("#error").contains("主播 mia 属于公会 starlight：须先由该公会或平台审核员解除关系，才能加入本公会。"),
                    "a refusal in the manager's words: " + browser.text("#error"));
            assertEquals("与当前状态冲突", browser.text("#error h1"));
            browser.screenshot(database + "-manager-refused-zh");
            assertEquals("starlight", anchor("mia").getGuildId());
        } finally {
            browser.go("/notices?lang=en");
        }
    }

    /**
     * At a phone's width (390 CSS pixels) every page fits: nothing but a table's own box scrolls sideways,
     * and forms stack. Each page is saved as a screenshot to look at.
     */
    @Test
    @Order(16)
    void everyPageFitsAPhone() {
        browser.signIn(BACKOFFICE);
        browser.asPhone(() -> {
            // The last three again in Chinese, whose words are longer or shorter.
            List<String> pages = List.of("/", "/drops", "/anchors", "/anchors/mia", "/appeals", "/guilds",
                    "/guilds/starlight", "/guilds/rivermoon", "/policies", "/notices", "/anchors?lang=zh-CN",
                    "/guilds/rivermoon", "/policies");
            for (int i = 0; i < pages.size(); i++) {
                String page = pages.get(i);
                browser.go(page);
                String name = page.equals("/") ? "overview" : page.substring(1).replaceAll("\\?.*", "")
                        .replaceAll("[^a-z-]+", "-");
                browser.phoneScreenshot(database + "-phone-" + name + (i >= pages.indexOf("/anchors?lang=zh-CN")
                        ? "-zh" : ""));
                assertEquals(0, browser.overflowingWidth(), page + " is wider than the phone");
                for (WebElement table : browser.all("main table")) {
                    assertEquals("auto", browser.script(
                            "return getComputedStyle(arguments[0].parentElement).overflowX;", table),
                            page + ": a table scrolls in a box of its own");
                }
            }
            browser.go("/anchors");
            long left = (Long) browser.script("return Math.round(document.querySelector('#q').getBoundingClientRect().left);");
            long tierLeft = (Long) browser.script(
                    "return Math.round(document.querySelector('#tier').getBoundingClientRect().left);");
            assertEquals(left, tierLeft, "the search's fields stack, one under the other");
        });
        browser.go("/notices?lang=en");
    }

    private static List<String> firstCells(String table) {
        return browser.all(table + " tbody tr td:first-child").stream().map(cell -> cell.getText()).toList();
    }

    /** Submits a form built in the page (as a forged page would), with or without the page's CSRF token. */
    private static void postFromThePage(String action, boolean withToken) {
        browser.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const add = (name, value) => { const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value; form.appendChild(input); };
                const csrf = document.querySelector("input[name='csrf']");
                if (arguments[1] && csrf) { add('csrf', csrf.value); }
                add('request_id', 'forged-' + Date.now());
                add('severity', 'SEVERE');
                add('description', 'forged');
                document.body.appendChild(form);
                HTMLFormElement.prototype.submit.call(form);
                """, action, withToken);
        browser.waitFor("#error");
    }

    private static void register(String id, String name, String guild) {
        anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("seed-" + id)
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(name).setLevel(LEVEL)
                        .setFanCount(20_000).setGuildId(guild)).build());
    }

    /** Records a violation as the moderation pipeline would; returns its name. */
    private static String violation(String anchorId, String type, int number) {
        return violations().recordViolation(RecordViolationRequest.newBuilder().setRequestId("seed-violation-" + number)
                .setAnchorId(anchorId).setViolationType(type).setSource("moderation")
                .addEvidenceRefs("clip://" + anchorId + "/" + number).build()).getName();
    }

    static Anchor anchor(String id) {
        return anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id).build());
    }

    static Guild guild(String id) {
        return guilds().getGuild(GetGuildRequest.newBuilder().setName("guilds/" + id).build());
    }

    static AnchorServiceGrpc.AnchorServiceBlockingStub anchors() {
        return asAdmin(AnchorServiceGrpc::newBlockingStub);
    }

    static ViolationServiceGrpc.ViolationServiceBlockingStub violations() {
        return asAdmin(ViolationServiceGrpc::newBlockingStub);
    }

    static GuildServiceGrpc.GuildServiceBlockingStub guilds() {
        return asAdmin(GuildServiceGrpc::newBlockingStub);
    }

    /** A stub that calls as the admin token's holder (ops). */
    private static <S extends AbstractStub<S>> S asAdmin(Function<io.grpc.Channel, S> stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ADMIN);
        return stub.apply(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
