package com.anchorhealth.server;

import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.ListPolicyVersionsRequest;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetGuildRequest;
import com.anchorhealth.api.v1.GuildEvent;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console without a browser, over plain HTTP against the real server with tokens: headers, cookie
 * flags, sign-in, CSRF, the role table and escaping; the lists' CSV exports; how times, numbers and
 * evidence are shown.
 */
class ConsoleOverHttpTest {
    private static final String INGEST = "ingest-token-for-tests";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** A display name that a spreadsheet program would run as a formula. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"https://evil.example\",\"open\")";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static RunningServer server;
    private static String base;
    /** The id of leo's appealed violation. */
    private static String leosViolation;

    @BeforeAll
    static void start() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TestResources.TOKENS);
        base = server.startConsole();
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder().setRequestId("g")
                .setGuildId("starlight").setDisplayName("Starlight").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("a")
                .setAnchor(Anchor.newBuilder().setAnchorId("eve").setDisplayName("<img src=x onerror=alert(1)>")
                        .setLevel(1)).build());
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder().setRequestId("stars-guild")
                .setGuildId("stars").setDisplayName("Stars").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("stars-member")
                .setAnchor(Anchor.newBuilder().setAnchorId("star-mia").setDisplayName("Mia").setLevel(2)
                        .setGuildId("stars")).build());
        // A guild of its own, whose members' violations leave starlight's score alone.
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder().setRequestId("h")
                .setGuildId("harbor").setDisplayName("港湾传媒").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("m")
                .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("米娅 Mia").setLevel(4)
                        .setFanCount(6_000_000).setGuildId("harbor")).build());
        String endangerment = asAdmin(ViolationServiceGrpc::newBlockingStub).recordViolation(RecordViolationRequest
                .newBuilder().setRequestId("v1").setAnchorId("mia").setViolationType("MINOR_ENDANGERMENT")
                .setSource("moderation").addEvidenceRefs("https://cdn.example/clips/1.mp4")
                .addEvidenceRefs("javascript:alert(1)").addEvidenceRefs("clip://mia/1").build()).getName();
        // Filed by the platform's ingest: the admin who decides them in these tests must not have filed them.
        as(INGEST, ViolationServiceGrpc::newBlockingStub).fileAppeal(FileAppealRequest.newBuilder().setRequestId("p1")
                .setViolation(endangerment).setStatement("@SUM(1,1) 观众先辱骂我，见完整录像").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("f")
                .setAnchor(Anchor.newBuilder().setAnchorId("formula").setDisplayName(FORMULA_NAME).setLevel(1)
                        .setGuildId("harbor")).build());
        // The confirmations' own guild and member, with a violation whose appeal waits (a moderate
        // one: it costs the guild nothing).
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder().setRequestId("l")
                .setGuildId("lantern").setDisplayName("灯笼工作室").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("o")
                .setAnchor(Anchor.newBuilder().setAnchorId("leo").setDisplayName("Leo 李").setLevel(4)
                        .setGuildId("lantern")).build());
        String harassment = asAdmin(ViolationServiceGrpc::newBlockingStub).recordViolation(RecordViolationRequest
                .newBuilder().setRequestId("v2").setAnchorId("leo").setViolationType("HARASSMENT")
                .setSource("moderation").build()).getName();
        as(INGEST, ViolationServiceGrpc::newBlockingStub).fileAppeal(FileAppealRequest.newBuilder().setRequestId("p2")
                .setViolation(harassment).setStatement("the viewer started it").build());
        leosViolation = harassment.substring(harassment.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notices", "/sign-in", "/", "/no-such-page", "/static/console.css"})
    void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
        HttpResponse<String> response = new Visit().get(path);
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow());
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndExpires() throws Exception {
        String cookie = new Visit().get("/sign-in").headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("ah_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Max-Age=28"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP on loopback: " + cookie);
    }

    @Test
    void pagesNeedASignInButThePublicNoticesDoNot() throws Exception {
        Visit visit = new Visit();
        assertEquals(200, visit.get("/notices").statusCode());
        HttpResponse<String> anchors = visit.get("/anchors");
        assertEquals(303, anchors.statusCode());
        assertEquals("/sign-in?next=%2Fanchors", anchors.headers().firstValue("Location").orElseThrow());
        assertEquals(401, visit.signIn("not-a-token").statusCode());
        assertEquals(303, visit.signIn("reader-token-for-tests").statusCode());
        assertEquals(200, visit.get("/anchors").statusCode());
    }

    @Test
    void signInLeadsOnlyWithinTheConsole() throws Exception {
        Visit visit = new Visit();
        String csrf = visit.csrf("/sign-in");
        HttpResponse<String> response = visit.post("/sign-in", Map.of("csrf", csrf, "token", "reader-token-for-tests",
                "next", "//evil.example/"));
        assertEquals("/", response.headers().firstValue("Location").orElseThrow());
        // Browsers drop tabs and newlines in a location and read a backslash as a slash.
        for (String offSite : List.of("/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/ /evil.example")) {
            Visit another = new Visit();
            HttpResponse<String> led = another.post("/sign-in", Map.of("csrf", another.csrf("/sign-in"),
                    "token", "reader-token-for-tests", "next", offSite));
            assertEquals("/", led.headers().firstValue("Location").orElseThrow(), offSite);
        }
        Visit within = new Visit();
        HttpResponse<String> kept = within.post("/sign-in", Map.of("csrf", within.csrf("/sign-in"),
                "token", "reader-token-for-tests", "next", "/anchors?tier=RESTRICTED&after=anchor-7"));
        assertEquals("/anchors?tier=RESTRICTED&after=anchor-7", kept.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aPageKeyThatNoListGaveIsABadRequestNotAnError() throws Exception {
        Visit visit = new Visit();
        visit.signIn("backoffice-token-for-tests");
        for (String path : List.of("/appeals?after=x", "/appeals?after=12/only-two")) {
            HttpResponse<String> page = visit.get(path);
            assertEquals(400, page.statusCode(), path);
            assertFalse(page.body().contains("Exception"), path + " shows no stack trace");
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndWritesNothing() throws Exception {
        Visit visit = new Visit();
        visit.signIn("backoffice-token-for-tests");
        HttpResponse<String> refused = visit.post("/guilds/starlight/violations", Map.of("request_id", "x1",
                "severity", "SEVERE", "description", "forged"));
        assertEquals(403, refused.statusCode());
        HttpResponse<String> wrong = visit.post("/guilds/starlight/violations", Map.of("csrf", "bm90LXRoZS10b2tlbg",
                "request_id", "x2", "severity", "SEVERE", "description", "forged"));
        assertEquals(403, wrong.statusCode());
        assertEquals(100, guildScore());
    }

    @Test
    void aPostFromAnotherOriginIsRefused() throws Exception {
        Visit visit = new Visit();
        visit.signIn("backoffice-token-for-tests");
        String csrf = visit.csrf("/guilds/starlight");
        HttpResponse<String> refused = visit.send(HttpRequest.newBuilder(URI.create(base + "/guilds/starlight/violations"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("csrf", csrf, "request_id", "x3",
                        "severity", "SEVERE", "description", "forged")))));
        assertEquals(403, refused.statusCode());
        assertEquals(100, guildScore());
    }

    @Test
    void aReadersWriteIsRefusedByTheRoleTableAndWritesNothing() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        String page = visit.get("/guilds/starlight").body();
        assertFalse(page.contains("/guilds/starlight/violations"), "a reader is offered no such form");
        HttpResponse<String> refused = visit.post("/guilds/starlight/violations", Map.of("csrf",
                visit.csrf("/guilds/starlight"), "request_id", "x4", "severity", "SEVERE", "description", "forged"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("GuildService/RecordGuildViolation"), refused.body());
        assertEquals(100, guildScore());
    }

    @Test
    void theSameRequestIdCountsOnce() throws Exception {
        Visit visit = new Visit();
        visit.signIn("backoffice-token-for-tests");
        visit.post("/guilds", Map.of("csrf", visit.csrf("/guilds"), "request_id", "twice", "guild_id", "moonrise",
                "display_name", "Moonrise"));
        String csrf = visit.csrf("/guilds/moonrise");
        Map<String, String> violation = Map.of("csrf", csrf, "request_id", "double-click", "severity", "MINOR",
                "description", "late payment", "confirmed", "yes");
        assertEquals(303, visit.post("/guilds/moonrise/violations", violation).statusCode());
        assertEquals(303, visit.post("/guilds/moonrise/violations", violation).statusCode());
        assertEquals(98, asAdmin(GuildServiceGrpc::newBlockingStub).getGuild(GetGuildRequest.newBuilder()
                .setName("guilds/moonrise").build()).getScore());
    }

    @Test
    void textFromCallersIsEscaped() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        String page = visit.get("/anchors/eve").body();
        assertFalse(page.contains("<img src=x"), "the name is markup-escaped");
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
    }

    @Test
    void aBadFilterIsAClearErrorNotAFailure() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        HttpResponse<String> response = visit.get("/anchors?min=lots");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("min") && response.body().contains("whole number"), response.body());
    }

    @Test
    void signingInStartsANewSession() throws Exception {
        Visit visit = new Visit();
        String before = visit.csrf("/sign-in");
        visit.signIn("reader-token-for-tests");
        assertNotEquals(before, visit.csrf("/guilds"), "the session before sign-in is worth nothing after it");
    }

    @Test
    void signingOutEndsEveryCopyOfTheSession() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        String copied = visit.sessionCookie();
        HttpRequest.Builder withCopy = HttpRequest.newBuilder(URI.create(base + "/anchors")).header("Cookie",
                "ah_session=" + copied).GET();
        assertEquals(200, new Visit().send(withCopy).statusCode());
        assertEquals(303, visit.post("/sign-out", Map.of("csrf", visit.csrf("/anchors"))).statusCode());
        HttpResponse<String> afterSignOut = new Visit().send(withCopy);
        assertEquals(303, afterSignOut.statusCode(), "the copied cookie is signed out too");
        assertTrue(afterSignOut.headers().firstValue("Location").orElseThrow().startsWith("/sign-in"));
    }

    @Test
    void aGuildManagerSeesItsGuildAndNothingElse() throws Exception {
        Visit visit = new Visit();
        visit.signIn("guild_manager-token-for-tests");
        String anchors = visit.get("/anchors").body();
        assertTrue(anchors.contains("star-mia"), anchors);
        assertFalse(anchors.contains("/anchors/eve"), "an anchor of no guild is not its to see");
        assertEquals(200, visit.get("/anchors/star-mia").statusCode());
        assertEquals(404, visit.get("/anchors/eve").statusCode());
        assertEquals(404, visit.get("/guilds/starlight").statusCode());
        String guilds = visit.get("/guilds").body();
        assertTrue(guilds.contains("/guilds/stars"), guilds);
        assertFalse(guilds.contains("/guilds/starlight"), guilds);
        HttpResponse<String> refused = visit.post("/guilds/starlight/violations", Map.of("csrf",
                visit.csrf("/guilds/stars"), "request_id", "gm1", "severity", "SEVERE", "description", "a rival"));
        assertEquals(403, refused.statusCode(), "guild violations are the moderators'");
        assertEquals(100, guildScore());
    }

    /**
     * A removed guild's page lists the members it had at its removal, released then, with the name and
     * score each had: for the moderators with links to them, for its guild manager without.
     */
    @Test
    void aRemovedGuildStillListsItsMembersAtRemoval() throws Exception {
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("juniors").setGuildId("stars-juniors").setDisplayName("Stars Juniors").build());
        for (String member : List.of("junior-1", "junior-2")) {
            asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("join-" + member).setAnchor(Anchor.newBuilder().setAnchorId(member)
                            .setDisplayName("Junior " + member.substring(7) + " 小星").setLevel(1)
                            .setGuildId("stars-juniors")).build());
        }
        Visit moderator = new Visit();
        moderator.signIn("moderator-token-for-tests");
        assertFalse(moderator.get("/guilds/stars-juniors").body().contains("id=\"members-at-removal\""),
                "an active guild lists its members as such");
        for (int month = 1; month <= 3; month++) {
            asAdmin(GuildServiceGrpc::newBlockingStub).recordGuildViolation(RecordGuildViolationRequest.newBuilder()
                    .setRequestId("juniors-" + month).setGuild("guilds/stars-juniors")
                    .setSeverity(com.anchorhealth.api.v1.Severity.SEVERE).setDescription("unpaid contracts").build());
        }
        assertEquals(com.anchorhealth.api.v1.Guild.Status.REMOVED, guild("stars-juniors").getStatus());
        assertEquals("", anchor("junior-1").getGuildId(), "released at the removal");

        String page = moderator.get("/guilds/stars-juniors").body();
        String atRemoval = section(page, "members-at-removal");
        assertTrue(atRemoval.contains("<a href=\"/anchors/junior-1\">junior-1</a>"), atRemoval);
        assertTrue(atRemoval.contains("Junior 2 小星") && atRemoval.contains("<td class=\"number\">100</td>"),
                atRemoval);
        assertTrue(atRemoval.contains("1–2 of 2"), atRemoval);
        Visit manager = new Visit();
        manager.signIn("guild_manager-token-for-tests");
        String managers = section(manager.get("/guilds/stars-juniors").body(), "members-at-removal");
        assertTrue(managers.contains("junior-1") && managers.contains("Junior 1 小星"), managers);
        assertFalse(managers.contains("/anchors/junior-1"), "no link to an anchor no longer its own: " + managers);
        assertEquals(404, manager.get("/anchors/junior-1").statusCode());
        assertTrue(section(manager.get("/guilds/stars-juniors?lang=zh-CN").body(), "members-at-removal")
                .contains("清退时的成员"));

        List<List<String>> exported = List.of(List.of("Anchor", "Name", "Score at removal"),
                List.of("junior-1", "Junior 1 小星", "100"), List.of("junior-2", "Junior 2 小星", "100"));
        assertEquals(exported, moderator.csv("/guilds/stars-juniors/members.csv"), "exported as the page lists them");
        assertTrue(atRemoval.contains("href=\"/guilds/stars-juniors/members.csv\""), "the list's export link");
        assertEquals(exported, manager.csv("/guilds/stars-juniors/members.csv?lang=en"), "its manager exports them too");
        assertEquals(List.of("主播", "昵称", "清退时的分数"),
                manager.csv("/guilds/stars-juniors/members.csv?lang=zh-CN").get(0));
    }

    /**
     * A removed guild's notice says in the visitor's language why it fell, from the charge that removed
     * it in its ledger: its member and the violation type in words, linked for staff who may open the
     * anchor, by id alone on the public page; the API's reason stays the English text it was published with.
     */
    @Test
    void aRemovalNoticeIsToldInTheVisitorsWordsFromTheChargeThatRemovedTheGuild() throws Exception {
        asAdmin(GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("comets").setGuildId("comets").setDisplayName("彗星传媒").build());
        asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("comet-kai").setAnchor(Anchor.newBuilder().setAnchorId("comet-kai")
                        .setDisplayName("Kai 周").setLevel(1).setGuildId("comets")).build());
        // 20 points for each of its own severe violations, then 2 for each of its member's: 60 down to 50.
        for (int month = 1; month <= 2; month++) {
            asAdmin(GuildServiceGrpc::newBlockingStub).recordGuildViolation(RecordGuildViolationRequest.newBuilder()
                    .setRequestId("comets-" + month).setGuild("guilds/comets")
                    .setSeverity(com.anchorhealth.api.v1.Severity.SEVERE).setDescription("拖欠主播合同款").build());
        }
        for (int stream = 1; stream <= 5; stream++) {
            asAdmin(ViolationServiceGrpc::newBlockingStub).recordViolation(RecordViolationRequest.newBuilder()
                    .setRequestId("comet-kai-" + stream).setAnchorId("comet-kai")
                    .setViolationType("MINOR_ENDANGERMENT").setSource("moderation").build());
        }
        assertEquals(com.anchorhealth.api.v1.Guild.Status.REMOVED, guild("comets").getStatus());

        Visit moderator = new Visit();
        moderator.signIn("moderator-token-for-tests");
        String chinese = section(moderator.get("/guilds/comets?lang=zh-CN").body(), "removal-notice");
        assertTrue(chinese.contains("公会分数降至 50，达到 50 分的清退线，起因：成员 "
                + "<a href=\"/anchors/comet-kai\">Kai 周（comet-kai）</a> 违规：危害未成年人"), chinese);
        assertFalse(chinese.contains("MINOR_ENDANGERMENT") || chinese.contains("removal line"), chinese);
        assertTrue(section(moderator.get("/guilds/comets?lang=en").body(), "removal-notice").contains(
                "Score 50 fell to the removal line of 50 after: member <a href=\"/anchors/comet-kai\">Kai 周 "
                        + "(comet-kai)</a>: Minors endangered"));

        assertTrue(section(moderator.get("/?lang=zh-CN").body(), "latest-notices").contains("起因：成员 "
                + "<a href=\"/anchors/comet-kai\">Kai 周（comet-kai）</a> 违规：危害未成年人"), "and on the overview");
        String publicPage = new Visit().get("/notices?lang=zh-CN").body();
        String notices = publicPage.substring(publicPage.indexOf("id=\"notices\""), publicPage.indexOf("</table>"));
        assertTrue(notices.contains("起因：成员 comet-kai 违规：危害未成年人"), "no name to a visitor signed out: " + notices);
        assertFalse(notices.contains("/anchors/comet-kai"), notices);

        List<String> reasons = asAdmin(GuildServiceGrpc::newBlockingStub)
                .listPublicNotices(ListPublicNoticesRequest.getDefaultInstance()).getNoticesList().stream()
                .filter(notice -> notice.getSubject().equals("guilds/comets"))
                .map(com.anchorhealth.api.v1.PublicNotice::getReason).toList();
        assertEquals(List.of("score 50 fell to the removal line of 50 after: member comet-kai: MINOR_ENDANGERMENT"),
                reasons, "the API's reason is as it was published");
    }

    /**
     * A form the service refuses says why in the visitor's language: in Chinese, in a guild manager's
     * words (no code, no API path, no field's name); in English, as the service says it.
     */
    @Test
    void aRefusedFormSaysWhyInTheVisitorsLanguage() throws Exception {
        Visit manager = new Visit();
        manager.signIn("guild_manager-token-for-tests");
        Map<String, String> takeMia = Map.of("csrf", manager.csrf("/guilds/stars"), "request_id", "take-mia",
                "anchor_id", "mia");
        HttpResponse<String> chinese = manager.post("/guilds/stars/members?lang=zh-CN", takeMia);
        assertEquals(409, chinese.statusCode(), chinese.body());
        assertTrue(chinese.body().contains("主播 mia 属于公会 harbor：须先由该公会或平台审核员解除关系，才能加入本公会。"),
                chinese.body());
        assertFalse(chinese.body().contains("belongs to"), chinese.body());
        HttpResponse<String> english = manager.post("/guilds/stars/members?lang=en", takeMia);
        assertTrue(english.body().contains("mia belongs to guild harbor: that guild or a moderator releases it first"),
                english.body());
        assertEquals("harbor", anchor("mia").getGuildId(), "nothing written");

        String notFound = section(manager.get("/anchors/nobody?lang=zh-CN").body(), "error");
        assertTrue(notFound.contains("未找到主播 nobody。"), notFound);
        assertFalse(notFound.contains("anchors/"), "no resource's path: " + notFound);

        Visit admin = new Visit();
        admin.signIn("admin-token-for-tests");
        String badAdjustment = admin.post("/anchors/leo/adjustments?lang=zh-CN", Map.of("csrf", admin.csrf("/anchors/leo"),
                "request_id", "zero", "delta", "0", "reason", " ")).body();
        assertTrue(badAdjustment.contains("<li>分数（±）：须为 -50 到 -1 或 1 到 50 之间的整数</li>"), badAdjustment);
        assertTrue(badAdjustment.contains("<li>原因：须为 1 到 500 个字符，不能全是空白，不能含控制字符</li>"), badAdjustment);
        assertFalse(badAdjustment.contains("<code>"), "no field's name: " + badAdjustment);
        String existing = admin.post("/guilds?lang=zh-CN", Map.of("csrf", admin.csrf("/guilds"), "request_id",
                "starlight-again", "guild_id", "starlight", "display_name", "Starlight again")).body();
        assertTrue(existing.contains("公会 ID starlight 已被使用，请换一个 ID。"), existing);

        Visit ingest = new Visit();
        ingest.signIn(INGEST);
        String again = ingest.post("/anchors/leo/appeals?lang=zh-CN", Map.of("csrf", ingest.csrf("/anchors/leo"),
                "request_id", "appeal-again", "violation", leosViolation, "statement", "once more")).body();
        Matcher appealed = Pattern.compile("违规 " + Pattern.quote(leosViolation)
                + " 已于 (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT\\+8) 提出过申诉：每条违规只能申诉一次。")
                .matcher(again);
        assertTrue(appealed.find(), "when, in the platform's zone: " + again);
    }

    /**
     * A guild's ledger tells a member's violation in the visitor's words, on the page and in its export:
     * the member by name (linked) and the violation by its type's words, not the English the service
     * stores ("member mia: MINOR_ENDANGERMENT", which gRPC still gives).
     */
    @Test
    void aGuildsLedgerTellsAMembersViolationInTheVisitorsWords() throws Exception {
        Visit visit = new Visit();
        visit.signIn("moderator-token-for-tests");
        String chinese = section(visit.get("/guilds/harbor?lang=zh-CN").body(), "guild-history");
        assertTrue(chinese.contains("<td class=\"text\">成员 <a href=\"/anchors/mia\">米娅 Mia（mia）</a> 违规：危害未成年人</td>"),
                chinese);
        assertTrue(chinese.contains("公会创建，初始分数 100") && chinese.contains("<a href=\"/anchors/mia\">米娅 Mia（mia）</a> 加入公会"),
                chinese);
        assertFalse(chinese.contains("MINOR_ENDANGERMENT") || chinese.contains("member mia"), chinese);
        String english = section(visit.get("/guilds/harbor?lang=en").body(), "guild-history");
        assertTrue(english.contains("member <a href=\"/anchors/mia\">米娅 Mia (mia)</a>: Minors endangered"), english);

        List<List<String>> ledger = visit.csv("/guilds/harbor/ledger.csv?lang=zh-CN");
        List<String> charged = ledger.stream().filter(row -> row.get(1).equals("成员违规")).findFirst().orElseThrow();
        assertEquals("成员 米娅 Mia（mia） 违规：危害未成年人", charged.get(4), ledger.toString());
        assertEquals("mia", charged.get(5));
        assertEquals("member mia: MINOR_ENDANGERMENT", asAdmin(GuildServiceGrpc::newBlockingStub)
                .listGuildEvents(ListGuildEventsRequest.newBuilder().setParent("guilds/harbor").build())
                .getGuildEventsList().stream().filter(event -> event.getKind() == GuildEvent.Kind.MEMBER_VIOLATION)
                .findFirst().orElseThrow().getDescription(), "the API's description stays as it was");
    }

    /** An error page's title says what happened, in the visitor's words; its status is a footnote. */
    @Test
    void anErrorPageSaysWhatHappenedInItsTitle() throws Exception {
        Visit manager = new Visit();
        manager.signIn("guild_manager-token-for-tests");
        HttpResponse<String> conflict = manager.post("/guilds/stars/members?lang=zh-CN", Map.of("csrf",
                manager.csrf("/guilds/stars"), "request_id", "take-mia-again", "anchor_id", "mia"));
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("与当前状态冲突", conflict.body());
        titles.put("未找到", manager.get("/anchors/nobody").body());
        titles.put("无权访问", manager.post("/guilds/stars/members", Map.of("csrf", "wrong")).body());
        titles.put("请求有误", manager.get("/anchors?min=lots").body());
        titles.put("提交的内容过多", manager.post("/guilds/stars/members", Map.of("csrf", manager.csrf("/guilds/stars"),
                "anchor_id", "x".repeat(300 * 1024))).body());
        titles.forEach((title, page) -> {
            assertTrue(page.contains("<title>" + title + " · ") && page.contains("<h1>" + title + "</h1>"), page);
            assertFalse(page.contains("错误 4"), page);
        });
        assertTrue(section(conflict.body(), "error").contains("<p class=\"muted\" id=\"error-status\">状态码 409</p>"),
                conflict.body());
        assertTrue(manager.get("/anchors/nobody?lang=en").body().contains("<h1>Not found</h1>"));
    }

    /** The overview's "see all": every tier drop the feed holds, newest first, paged both ways. */
    @Test
    void everyTierDropOfTheFeedIsListedInPages() throws Exception {
        // Each anchor falls through the three thresholds: 100, 50, 35, 19, 0.
        for (int i = 1; i <= 9; i++) {
            String id = "faller-" + i;
            asAdmin(AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("faller-" + i).setAnchor(Anchor.newBuilder().setAnchorId(id)
                            .setDisplayName("Faller " + i).setLevel(1)).build());
            int step = 0;
            for (int delta : new int[] {-50, -15, -16, -19}) {
                asAdmin(AnchorServiceGrpc::newBlockingStub).adjustScore(AdjustScoreRequest.newBuilder()
                        .setRequestId(id + "-" + ++step).setAnchor("anchors/" + id).setDelta(delta)
                        .setReason("chargeback fraud").build());
            }
        }
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");
        assertTrue(visit.get("/").body().contains("<a href=\"/drops\" id=\"all-drops\">"), "the overview links it");
        String first = visit.get("/drops").body();
        long fallers = Pattern.compile("Faller \\d").matcher(first).results().count();
        assertEquals(25, fallers, "the 27 drops of the fallers are the newest: " + first);
        assertTrue(first.contains("Faller 9</a>"), "newest first");
        assertFalse(first.contains("class=\"previous\""), "the first page: " + first);
        Matcher next = Pattern.compile("href=\"(/drops\\?after=[^\"]+)\" class=\"next\"").matcher(first);
        assertTrue(next.find(), first);
        String second = visit.get(unescaped(next.group(1))).body();
        assertTrue(second.contains("Faller 1</a>"), "the oldest fallers' drops: " + second);
        Matcher previous = Pattern.compile("href=\"(/drops\\?before=[^\"]+)\" class=\"previous\"").matcher(second);
        assertTrue(previous.find(), second);
        assertEquals(section(first, "drops"), section(visit.get(unescaped(previous.group(1))).body(), "drops"),
                "back from the second page is the first");
        assertEquals(400, visit.get("/drops?after=a-change-id").statusCode(), "a key this list never gave");

        Visit manager = new Visit();
        manager.signIn("guild_manager-token-for-tests");
        assertFalse(manager.get("/drops").body().contains("Faller"), "no anchor of its guilds fell");
    }

    /** The part of a page inside the element with this id, to its closing tag's kind. */
    private static String section(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, id + " is on the page: " + page);
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** A page load that fails must still end: a leak would close the console after a few errors. */
    @Test
    void failedPagesLeaveTheirPlaceToOthers() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        for (int i = 0; i < 3 * ServingLimits.DEFAULTS.maxConsolePages(); i++) {
            assertEquals(404, visit.get("/anchors/nobody-" + i).statusCode());
            assertEquals(400, visit.get("/anchors?min=lots").statusCode());
            assertEquals(403, visit.post("/guilds/starlight/violations", Map.of("csrf", "wrong")).statusCode());
        }
        assertEquals(200, visit.get("/anchors").statusCode());
    }

    @Test
    void timesAreInThePlatformsZoneNumbersGroupedAndWebEvidenceLinked() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        for (String path : List.of("/anchors/mia?lang=en", "/anchors/mia?lang=zh-CN")) {
            String page = visit.get(path).body();
            assertTrue(Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT\\+8").matcher(page).find(),
                    path + ": times in Asia/Shanghai, with the offset");
            assertFalse(page.contains(" UTC<"), path);
            assertTrue(page.contains("Asia/Shanghai"), path + " names the zone");
            assertTrue(page.contains(">6,000,000<"), path + ": the fans grouped");
            assertTrue(page.contains("<a class=\"evidence\" href=\"https://cdn.example/clips/1.mp4\" "
                    + "rel=\"noopener noreferrer nofollow\""), path);
            assertFalse(page.contains("href=\"javascript:"), path);
            assertTrue(page.contains("<code>javascript:alert(1)</code>") && page.contains("<code>clip://mia/1</code>"),
                    path + ": other references stay text");
        }
        String appeals = visit.get("/appeals").body();
        assertTrue(appeals.contains("href=\"https://cdn.example/clips/1.mp4\"") && !appeals.contains("href=\"javascript:"),
                "the appeals queue links the same evidence");
    }

    @Test
    void everyListDownloadsAsACsvThatReadsBack() throws Exception {
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        List<String> anchorColumns = List.of("Anchor", "Name", "Score", "Tier", "Guild", "Level", "Certification",
                "Fans", "Average viewers");
        for (String path : List.of("/anchors.csv?q=&tier=&guild=harbor&min=&max=", "/guilds/harbor/members.csv")) {
            List<List<String>> anchors = visit.csv(path);
            assertEquals(anchorColumns, anchors.get(0), path);
            assertEquals(List.of("formula", "mia"), anchors.stream().skip(1).map(row -> row.get(0)).toList(),
                    path + ": the guild's anchors only");
            assertEquals(List.of("mia", "米娅 Mia", "harbor", "6000000"), List.of(anchors.get(2).get(0),
                    anchors.get(2).get(1), anchors.get(2).get(4), anchors.get(2).get(7)), path + ": the Chinese intact");
            assertEquals("'" + FORMULA_NAME, anchors.get(1).get(1), path + ": the formula is text");
        }
        assertTrue(visit.get("/anchors?guild=harbor").body().contains("href=\"/anchors.csv?q=&amp;tier=&amp;guild=harbor"),
                "the page's link exports what the page found");
        assertTrue(visit.get("/guilds/harbor").body().contains("href=\"/guilds/harbor/members.csv\""));

        List<List<String>> violations = visit.csv("/anchors/mia/violations.csv");
        assertEquals(List.of("Recorded (Asia/Shanghai)", "Violation id", "Type", "Severity", "Points", "Base points",
                "Surcharge points", "State", "Why no deduction", "Policy", "Evidence"), violations.get(0));
        assertEquals(2, violations.size());
        assertEquals("Minors endangered", violations.get(1).get(2), "the type in words, as the page shows it");
        assertTrue(violations.get(1).get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), violations.get(1).get(0));
        assertEquals("https://cdn.example/clips/1.mp4\njavascript:alert(1)\nclip://mia/1", violations.get(1).get(10));

        List<List<String>> ledger = visit.csv("/anchors/mia/ledger.csv");
        assertEquals(List.of("No.", "Kind", "Change", "Score after", "Violation", "Reason", "Time (Asia/Shanghai)",
                "Actor"), ledger.get(0));
        assertEquals(List.of("initial", "deduction"), ledger.stream().skip(1).map(row -> row.get(1)).toList());
        assertTrue(ledger.get(2).get(2).matches("-\\d+"), "a deduction is a negative number, not neutralised text: "
                + ledger.get(2));

        List<List<String>> appeals = visit.csv("/appeals.csv");
        assertEquals(List.of("Filed (Asia/Shanghai)", "Filed by", "Anchor", "Score now", "Violation id", "Type",
                "Severity", "Points", "Policy", "Recorded (Asia/Shanghai)", "Evidence", "Statement", "Appeal state"),
                appeals.get(0));
        List<String> miasAppeal = appeals.stream().filter(row -> row.get(2).equals("mia")).findFirst().orElseThrow();
        assertEquals("'@SUM(1,1) 观众先辱骂我，见完整录像", miasAppeal.get(11));
        assertEquals("Minors endangered", miasAppeal.get(5), "the type in words");

        List<List<String>> guildLedger = visit.csv("/guilds/harbor/ledger.csv");
        assertEquals(List.of("No.", "Kind", "Change", "Score after", "Cause", "Anchor", "Time (Asia/Shanghai)",
                "Actor"), guildLedger.get(0));
        assertEquals(List.of("created", "member joined", "member violation", "member joined"), guildLedger.stream()
                .skip(1).map(row -> row.get(1)).toList());
        assertEquals("mia", guildLedger.get(3).get(5));

        List<List<String>> chinese = visit.csv("/anchors.csv?guild=harbor&lang=zh-CN");
        assertEquals(List.of("主播", "昵称", "分数", "等级"), chinese.get(0).subList(0, 4), "the visitor's language");
        assertEquals("米娅 Mia", chinese.get(2).get(1));
    }

    @Test
    void anExportAsksForASignInAndKnowsNoMoreThanThePage() throws Exception {
        for (String path : List.of("/anchors.csv", "/guilds/harbor/members.csv", "/anchors/mia/violations.csv",
                "/anchors/mia/ledger.csv", "/appeals.csv", "/guilds/harbor/ledger.csv")) {
            HttpResponse<String> signedOut = new Visit().get(path);
            assertEquals(303, signedOut.statusCode(), path);
            assertTrue(signedOut.headers().firstValue("Location").orElseThrow().startsWith("/sign-in?next="), path);
        }
        Visit visit = new Visit();
        visit.signIn("reader-token-for-tests");
        for (String path : List.of("/guilds/nowhere/members.csv", "/guilds/nowhere/ledger.csv",
                "/anchors/nobody/violations.csv", "/anchors/nobody/ledger.csv")) {
            HttpResponse<String> missing = visit.get(path);
            assertEquals(404, missing.statusCode(), path + " is no empty file");
            assertTrue(missing.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
        }
    }

    @Test
    void everyIrreversibleFormAsksFirstAndOnlyTheConfirmedPostWrites() throws Exception {
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");

        Map<String, String> charge = Map.of("csrf", visit.csrf("/guilds/lantern"), "request_id", "charge-1",
                "severity", "SEVERE", "description", "unpaid anchor contracts");
        String asked = visit.confirmation("/guilds/lantern/violations", charge);
        assertTrue(asked.contains("The guild’s score goes from 100 to 80; it is removed at 50 or below."), asked);
        assertEquals(100, guild("lantern").getScore(), "asking wrote nothing");
        assertEquals(303, visit.confirm(asked, "/guilds/lantern/violations").statusCode());
        assertEquals(80, guild("lantern").getScore());
        visit.confirm(visit.confirmation("/guilds/lantern/violations", Map.of("csrf", visit.csrf("/guilds/lantern"),
                "request_id", "charge-2", "severity", "SEVERE", "description", "unpaid anchor contracts")),
                "/guilds/lantern/violations");
        String removal = visit.confirmation("/guilds/lantern/violations", Map.of("csrf", visit.csrf("/guilds/lantern"),
                "request_id", "charge-3", "severity", "SEVERE", "description", "unpaid anchor contracts"));
        assertTrue(removal.contains("from 60 to 40, at or below the removal line of 50: the guild is removed at once, "
                + "its one member is released"), removal);
        assertEquals(60, guild("lantern").getScore());

        Map<String, String> release = Map.of("csrf", visit.csrf("/guilds/lantern"), "request_id", "release-1",
                "anchor_id", "leo");
        String releasing = visit.confirmation("/guilds/lantern/members/remove", release);
        assertTrue(releasing.contains("Release Leo 李 from 灯笼工作室?"), releasing);
        assertEquals("lantern", anchor("leo").getGuildId(), "asking wrote nothing");
        assertEquals(303, visit.confirm(releasing, "/guilds/lantern/members/remove").statusCode());
        assertEquals("", anchor("leo").getGuildId());

        int before = anchor("leo").getStanding().getScore();
        Map<String, String> decision = Map.of("csrf", visit.csrf("/appeals"), "request_id", "decide-1",
                "anchor", "leo", "violation", leosViolation, "decision", "OVERTURN", "note", "the clip shows it");
        String deciding = visit.confirmation("/appeals/decisions", decision);
        assertTrue(deciding.contains("Overturn the appeal of leo?") && deciding.contains("the viewer started it")
                && deciding.contains("the clip shows it"), deciding);
        assertEquals(before, anchor("leo").getStanding().getScore(), "asking wrote nothing");
        assertTrue(visit.get("/appeals").body().contains("appeal-" + leosViolation), "still pending");
        assertEquals(303, visit.confirm(deciding, "/appeals/decisions").statusCode());
        assertTrue(anchor("leo").getStanding().getScore() > before, "the overturn gave the points back");

        int eve = anchor("eve").getStanding().getScore();
        Map<String, String> adjustment = Map.of("csrf", visit.csrf("/anchors/eve"), "request_id", "adjust-1",
                "delta", "-7", "reason", "chargeback fraud");
        String adjusting = visit.confirmation("/anchors/eve/adjustments", adjustment);
        assertTrue(adjusting.contains("The score goes from " + eve + " to " + (eve - 7)), adjusting);
        assertEquals(eve, anchor("eve").getStanding().getScore(), "asking wrote nothing");
        assertEquals(303, visit.confirm(adjusting, "/anchors/eve/adjustments").statusCode());
        assertEquals(eve - 7, anchor("eve").getStanding().getScore());
    }

    @Test
    void aConfirmationStillNeedsTheCsrfTokenAndABadFormIsRefusedBeforeAsking() throws Exception {
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");
        HttpResponse<String> forged = visit.post("/anchors/eve/adjustments", Map.of("request_id", "forged-adjust",
                "delta", "-50", "reason", "forged", "confirmed", "yes"));
        assertEquals(403, forged.statusCode(), "confirmed or not, no CSRF token, no write");
        HttpResponse<String> bad = visit.post("/anchors/eve/adjustments", Map.of("csrf", visit.csrf("/anchors/eve"),
                "request_id", "bad-adjust", "delta", "lots", "reason", "typo"));
        assertEquals(400, bad.statusCode());
        assertFalse(bad.body().contains("id=\"confirmation\""), "nothing to confirm");
    }

    private static com.anchorhealth.api.v1.Guild guild(String id) {
        return asAdmin(GuildServiceGrpc::newBlockingStub).getGuild(GetGuildRequest.newBuilder()
                .setName("guilds/" + id).build());
    }

    private static Anchor anchor(String id) {
        return asAdmin(AnchorServiceGrpc::newBlockingStub).getAnchor(GetAnchorRequest.newBuilder()
                .setName("anchors/" + id).build());
    }

    /** A candidate is published from its simulation's page only: not unseen, nor edited after it was simulated. */
    @Test
    void aPolicyIsPublishedOnlyAsItWasSimulated() throws Exception {
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");
        int published = publishedVersions();
        String policies = visit.get("/policies").body();
        assertFalse(policies.contains("id=\"publish\""), "no publishing before a simulation");
        Map<String, String> candidate = new LinkedHashMap<>(candidateForm(policies));
        candidate.put("csrf", visit.csrf("/policies"));
        candidate.put("restricted_below", "45");
        candidate.put("request_id", "publish-unseen");
        HttpResponse<String> unseen = visit.post("/policies/publish", candidate);
        assertEquals(400, unseen.statusCode());
        assertTrue(unseen.body().contains("simulated"), unseen.body());

        String simulation = visit.post("/policies/simulate", candidate).body();
        Matcher proof = Pattern.compile("name=\"simulated\" value=\"([^\"]+)\"").matcher(simulation);
        assertTrue(proof.find(), "the simulation's page offers to publish");
        candidate.put("simulated", proof.group(1));
        assertEquals(200, visit.post("/policies/publish", candidate).statusCode(), "the confirmation page");
        candidate.put("restricted_below", "50");
        assertEquals(400, visit.post("/policies/publish", candidate).statusCode(), "edited since it was simulated");
        assertEquals(published, publishedVersions(), "nothing published");
    }

    private static int publishedVersions() {
        return asAdmin(PolicyServiceGrpc::newBlockingStub).listPolicyVersions(
                ListPolicyVersionsRequest.getDefaultInstance()).getVersionsCount();
    }

    /** The publication form asks for a note; the version keeps it with its author, on the page and over gRPC. */
    @Test
    void aPublishedVersionKeepsItsAuthorAndNote() throws Exception {
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");
        String policies = visit.get("/policies").body();
        Map<String, String> candidate = new LinkedHashMap<>(candidateForm(policies));
        candidate.put("csrf", visit.csrf("/policies"));
        candidate.put("request_id", "publish-with-note");
        // Traffic support is checked by no other test here: publishing it changes nothing they read.
        candidate.put("traffic_support_clean_days", "91");
        Matcher proof = Pattern.compile("name=\"simulated\" value=\"([^\"]+)\"")
                .matcher(visit.post("/policies/simulate", candidate).body());
        assertTrue(proof.find());
        candidate.put("simulated", proof.group(1));
        String asked = visit.post("/policies/publish", candidate).body();
        assertTrue(asked.contains("<textarea name=\"note\""), "the confirmation asks for a note: " + asked);
        assertTrue(asked.contains("under your name, ops"), asked);
        candidate.put("confirmed", "yes");
        candidate.put("note", "寒假 traffic review <b>#12</b>");
        assertEquals(303, visit.post("/policies/publish", candidate).statusCode());

        String page = visit.get("/policies").body();
        Matcher row = Pattern.compile("<tr id=\"version-(\\d+)\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        String newest = "";
        long version = 0;
        while (row.find()) {
            version = Long.parseLong(row.group(1));
            newest = row.group(2);
        }
        assertTrue(newest.contains("<td class=\"author\">ops</td>"), newest);
        assertTrue(newest.contains("寒假 traffic review &lt;b&gt;#12&lt;/b&gt;"), "the note, escaped: " + newest);

        var grpc = asAdmin(PolicyServiceGrpc::newBlockingStub);
        com.anchorhealth.api.v1.Policy inForce = grpc.getPolicy(com.anchorhealth.api.v1.GetPolicyRequest
                .getDefaultInstance());
        assertEquals(version, inForce.getVersion());
        assertEquals(91, inForce.getTrafficSupportCleanDays());
        assertEquals("ops", inForce.getAuthor());
        assertEquals("寒假 traffic review <b>#12</b>", inForce.getNote());
        var versions = grpc.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance()).getVersionsList();
        assertEquals("server", versions.get(0).getAuthor(), "version 1, published at the first start");
        assertEquals("", versions.get(0).getNote());
        assertEquals("寒假 traffic review <b>#12</b>", versions.get(versions.size() - 1).getNote());
    }

    /** The differences a simulation shows, and the problems of a candidate, read in words in both languages. */
    @Test
    void policyDifferencesAndProblemsReadInWordsInBothLanguages() throws Exception {
        Visit visit = new Visit();
        visit.signIn("admin-token-for-tests");
        Map<String, String> candidate = new LinkedHashMap<>(candidateForm(visit.get("/policies").body()));
        candidate.put("csrf", visit.csrf("/policies"));
        candidate.put("request_id", "words");
        candidate.put("deduction_MINOR_1", "3");
        candidate.put("deduction_SEVERE_4", "7");
        candidate.put("restricted_below", "45");
        candidate.remove("recovery_time_based");
        candidate.put("recovery_learning_tasks", "on");
        String english = visit.post("/policies/simulate", candidate).body();
        assertTrue(english.contains("<li>Base points, minor violation, anchor level 1: 1 point → 3 points</li>"), english);
        assertTrue(english.contains("<li>Base points, severe violation, anchor level 4: 8 points → 7 points</li>"), english);
        assertTrue(english.contains("<li>Restricted below: 40 → 45</li>"), english);
        assertTrue(english.contains("<li>Recovery by learning tasks: off → on</li>"), english);
        assertFalse(english.contains("deductions."), "no path of the policy's fields");

        String chinese = visit.post("/policies/simulate?lang=zh-CN", candidate).body();
        assertTrue(chinese.contains("<li>轻微违规、1 级主播的基础扣分：1 分 → 3 分</li>"), chinese);
        assertTrue(chinese.contains("<li>特别严重违规、4 级主播的基础扣分：8 分 → 7 分</li>"), chinese);
        assertTrue(chinese.contains("<li>限制门槛（低于此分）：40 → 45</li>"), chinese);
        assertTrue(chinese.contains("<li>按学习任务恢复分数：关闭 → 开启</li>"), chinese);

        candidate.put("deduction_MINOR_1", "9");
        candidate.put("revoked_below", "60");
        HttpResponse<String> refused = visit.post("/policies/simulate?lang=en", candidate);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("<li>Base points, minor violation, anchor level 1: must be from 1 to 8</li>"),
                refused.body());
        assertTrue(refused.body().contains("<li>Severely restricted below: must be above “Revoked below”</li>"),
                refused.body());
        assertFalse(refused.body().contains("points_by_level"), refused.body());
        String refusedInChinese = visit.post("/policies/simulate?lang=zh-CN", candidate).body();
        assertTrue(refusedInChinese.contains("<li>轻微违规、1 级主播的基础扣分：须在 1 到 8 之间</li>"), refusedInChinese);
        assertTrue(refusedInChinese.contains("<li>严重限制门槛（低于此分）：须高于“封禁门槛（低于此分）”</li>"), refusedInChinese);
        candidate.put("deduction_MINOR_1", "a few");
        assertTrue(visit.post("/policies/simulate?lang=zh-CN", candidate).body()
                .contains("<li>轻微违规、1 级主播的基础扣分：须为整数</li>"), "a form's own refusal too");
    }

    /** The candidate form's fields as the policies page fills them (the policy in force). */
    private static Map<String, String> candidateForm(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"(number|checkbox)\" name=\"([a-z_A-Z0-9]+)\"([^>]*)>")
                .matcher(page);
        while (input.find()) {
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group(3));
            if (input.group(1).equals("number") && value.find()) {
                fields.put(input.group(2), value.group(1));
            } else if (input.group(3).contains("checked")) {
                fields.put(input.group(2), "on");
            }
        }
        return fields;
    }

    private static int guildScore() {
        return asAdmin(GuildServiceGrpc::newBlockingStub).getGuild(GetGuildRequest.newBuilder()
                .setName("guilds/starlight").build()).getScore();
    }

    /** An attribute's value as the browser reads it. */
    private static String unescaped(String html) {
        return html.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static <S extends AbstractStub<S>> S asAdmin(Function<io.grpc.Channel, S> stub) {
        return as("admin-token-for-tests", stub);
    }

    private static <S extends AbstractStub<S>> S as(String token, Function<io.grpc.Channel, S> stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.apply(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** One visitor: a client with its own cookies that does not follow redirects. */
    private static final class Visit {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(new LinkedHashMap<>(fields)))));
        }

        /** Sends a form that asks first: the confirmation page, which wrote nothing. */
        String confirmation(String action, Map<String, String> fields) throws IOException, InterruptedException {
            HttpResponse<String> asked = post(action, fields);
            assertEquals(200, asked.statusCode(), asked.body());
            assertTrue(asked.body().contains("id=\"confirmation\""), asked.body());
            return asked.body();
        }

        /** Sends the confirmation page's form: the fields it carries, confirmed. */
        HttpResponse<String> confirm(String page, String action) throws IOException, InterruptedException {
            Matcher form = Pattern.compile("<form method=\"post\" action=\"" + Pattern.quote(action) + "\">(.*?)</form>",
                    Pattern.DOTALL).matcher(page);
            assertTrue(form.find(), page);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(form.group(1));
            while (hidden.find()) {
                fields.put(hidden.group(1), unescaped(hidden.group(2)));
            }
            assertEquals("yes", fields.get("confirmed"), page);
            return post(action, fields);
        }

        /** A CSV export: an attachment of UTF-8 with a BOM, read back into its rows of cells. */
        List<List<String>> csv(String path) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), path);
            assertEquals("text/csv; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow(), path);
            assertTrue(response.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
            byte[] body = response.body();
            assertArrayEquals(UTF8_BOM, Arrays.copyOf(body, 3), path + " starts with the BOM");
            String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
            try (MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readerFor(String[].class).readValues(text)) {
                return rows.readAll().stream().map(List::of).toList();
            }
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token the forms of a page carry. */
        String csrf(String path) throws IOException, InterruptedException {
            Matcher matcher = CSRF.matcher(get(path).body());
            assertTrue(matcher.find(), path + " has a form");
            return matcher.group(1);
        }

        /** The value of the session cookie this visitor's browser holds. */
        String sessionCookie() {
            return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("ah_session")).findFirst().orElseThrow().getValue();
        }

        HttpResponse<String> signIn(String token) throws IOException, InterruptedException {
            return post("/sign-in", Map.of("csrf", csrf("/sign-in"), "token", token));
        }
    }
}
