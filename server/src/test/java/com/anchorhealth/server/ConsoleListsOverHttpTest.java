package com.anchorhealth.server;

import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's lists over plain HTTP (the loopback console, without tokens): sorted by the column a
 * header names, counted ("1–25 of 60"), paged both ways, and an anchor's long history in pages of 50.
 */
class ConsoleListsOverHttpTest {
    /** A row of a list of anchors: its id, then (after the name) its score. */
    private static final Pattern ANCHOR_ROW = Pattern.compile(
            "<a href=\"/anchors/(lister-\\d\\d)\">[^<]*</a></td>\\s*<td class=\"name\">[^<]*</td>\\s*<td class=\"number\">(\\d+)</td>");
    private static final int LISTERS = 60;
    private static final int HISTORY = 60;
    private static final int APPEALS = 30;
    /** The listing guild and 27 agencies. */
    private static final int GUILDS = 28;

    private static RunningServer server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** The listers as "id score", lowest score first, ties by id. */
    private static List<String> byScore;

    @BeforeAll
    static void start() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                Optional.empty());
        base = server.startConsole();
        GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("guild").setGuildId("listing").setDisplayName("Listing Agency").build());
        AnchorServiceGrpc.AnchorServiceBlockingStub anchors = AnchorServiceGrpc.newBlockingStub(server.channel());
        List<String> listers = new ArrayList<>();
        for (int i = 0; i < LISTERS; i++) {
            String id = String.format("lister-%02d", i);
            anchors.upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(id).setAnchor(Anchor.newBuilder()
                    .setAnchorId(id).setDisplayName("Lister " + (LISTERS - i)).setLevel(1).setGuildId("listing"))
                    .build());
            // Nine scores from 100 down to 20, each shared by six or seven anchors; 30 and 20 are RESTRICTED.
            int lost = 10 * (i % 9);
            for (int step = 0; lost > 0; step++, lost -= 50) {
                anchors.adjustScore(AdjustScoreRequest.newBuilder().setRequestId(id + "-" + step)
                        .setAnchor("anchors/" + id).setDelta(-Math.min(50, lost)).setReason("seeded").build());
            }
            listers.add(id + " " + (100 - 10 * (i % 9)));
        }
        byScore = listers.stream().sorted(Comparator.comparingInt((String row) -> Integer.parseInt(row.split(" ")[1]))
                .thenComparing(row -> row.split(" ")[0])).toList();

        anchors.upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("history").setAnchor(Anchor.newBuilder()
                .setAnchorId("history").setDisplayName("Long History").setLevel(1)).build());
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (int i = 1; i <= HISTORY; i++) {
            batch.addRequests(RecordViolationRequest.newBuilder().setRequestId("history-" + i).setAnchorId("history")
                    .setViolationType("VULGAR_LANGUAGE").setSource("moderation"));
        }
        ViolationServiceGrpc.ViolationServiceBlockingStub violations = ViolationServiceGrpc.newBlockingStub(
                server.channel());
        List<BatchRecordViolationResult> recorded = violations.batchRecordViolations(batch.build()).getResultsList();
        for (int i = 0; i < APPEALS; i++) {
            violations.fileAppeal(FileAppealRequest.newBuilder().setRequestId("appeal-" + i)
                    .setViolation(recorded.get(i).getViolation().getName()).setStatement("not me").build());
        }
        for (int i = 1; i < GUILDS; i++) {
            GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                    .setRequestId("agency-" + i).setGuildId(String.format("agency-%02d", i)).setDisplayName("Agency")
                    .build());
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void anchorsSortByScoreLowestFirstWithTiesByIdAndPageBothWaysWithTheirCount() throws Exception {
        String first = get("/anchors?guild=listing&sort=score");
        assertEquals(byScore.subList(0, 25), rows(first));
        assertEquals("1–25 of 60", text(first, "range"));
        assertEquals("page 1 of 3", text(first, "position"));

        String second = get(link(first, "next"));
        assertEquals(byScore.subList(25, 50), rows(second));
        assertEquals("26–50 of 60", text(second, "range"));
        assertEquals(byScore.subList(0, 25), rows(get(link(second, "previous"))), "the previous page is the first");

        String last = get(link(first, "last"));
        assertEquals(byScore.subList(35, 60), rows(last), "the last 25");
        assertEquals("36–60 of 60", text(last, "range"));
        assertEquals("page 3 of 3", text(last, "position"));
        assertEquals(byScore.subList(0, 25), rows(get(link(get(link(last, "previous")), "previous"))),
                "back to a whole first page");

        List<String> highestFirst = new ArrayList<>(byScore.subList(35, 60));
        Collections.reverse(highestFirst);
        assertEquals(highestFirst, rows(get("/anchors?guild=listing&sort=-score")), "the exact reverse");
    }

    @Test
    void theScoreHeaderSortsLowestFirstThenHighestAndKeepsTheFilters() throws Exception {
        String byId = get("/anchors?guild=listing&tier=NORMAL");
        assertTrue(byId.contains("aria-sort=\"ascending\"><a href=\"/anchors?q=&amp;tier=NORMAL&amp;guild=listing"
                + "&amp;min=&amp;max=&amp;sort=id\""), "sorted by id: " + byId);
        String lowest = get(header(byId, "sort-score"));
        assertTrue(lowest.contains("aria-sort=\"ascending\" class=\"number\"><a"), "the score's header says so");
        assertEquals(byScore.stream().filter(row -> Integer.parseInt(row.split(" ")[1]) >= 40).limit(25).toList(),
                rows(lowest), "NORMAL only, lowest first");
        String highest = get(header(lowest, "sort-score"));
        assertTrue(highest.contains("aria-sort=\"descending\""), "a second click: highest first");
        assertEquals("100", rows(highest).get(0).split(" ")[1]);
    }

    @Test
    void aGuildsMembersSortByScoreAndFilterByTier() throws Exception {
        String restricted = get("/guilds/listing?tier=RESTRICTED&sort=-score");
        List<String> expected = byScore.stream().filter(row -> Integer.parseInt(row.split(" ")[1]) < 40).toList();
        List<String> highestFirst = new ArrayList<>(expected);
        Collections.reverse(highestFirst);
        assertEquals(highestFirst, rows(restricted));
        assertEquals("1–" + expected.size() + " of " + expected.size(), text(restricted, "range"));
        assertEquals(25, rows(get("/guilds/listing?sort=score")).size(), "every member, a page of them");
        assertEquals("1–25 of 60", text(get("/guilds/listing?sort=score"), "range"));
    }

    @Test
    void anAnchorsViolationsAndLedgerComeInPagesOfFiftyNewestFirstEachPagedOnItsOwn() throws Exception {
        String newest = get("/anchors/history");
        List<String> violations = matches(newest, "<tr id=\"violation-([^\"]+)\"");
        List<String> ledger = matches(newest, "<tr><td class=\"number\">(\\d+)</td>");
        assertEquals(50, violations.size());
        assertEquals(IntStream.rangeClosed(HISTORY + 1 - 49, HISTORY + 1).mapToObj(Integer::toString).toList(), ledger,
                "entries 12 to 61: the newest 50 of the opening and 60 deductions");

        String olderViolations = get(link(newest, "previous", "violations-pager"));
        List<String> oldest = matches(olderViolations, "<tr id=\"violation-([^\"]+)\"");
        assertEquals(HISTORY - 50, oldest.size(), "the 10 before them");
        assertTrue(oldest.get(oldest.size() - 1).compareTo(violations.get(0)) < 0, "older than the newest page");
        assertEquals(ledger, matches(olderViolations, "<tr><td class=\"number\">(\\d+)</td>"), "the ledger stays");

        String bothOlder = get(link(olderViolations, "previous", "ledger-pager"));
        assertEquals(IntStream.rangeClosed(1, 11).mapToObj(Integer::toString).toList(),
                matches(bothOlder, "<tr><td class=\"number\">(\\d+)</td>"));
        assertEquals(oldest, matches(bothOlder, "<tr id=\"violation-([^\"]+)\""), "the violations stay");
        assertEquals(violations, matches(get(link(bothOlder, "next", "violations-pager")),
                "<tr id=\"violation-([^\"]+)\""), "and come back to the newest");
    }

    @Test
    void theGuildsAndThePendingAppealsAreCountedAndPagedBothWays() throws Exception {
        String guilds = get("/guilds");
        assertEquals("1–25 of 28", text(guilds, "range"));
        String moreGuilds = get(link(guilds, "next"));
        assertEquals("26–28 of 28", text(moreGuilds, "range"));
        assertEquals(List.of("agency-26", "agency-27", "listing"),
                matches(moreGuilds, "<tr><td><a href=\"/guilds/([^\"]+)\""));
        assertEquals("1–25 of 28", text(get(link(moreGuilds, "previous")), "range"));

        String appeals = get("/appeals");
        List<String> oldest = matches(appeals, "<tr id=\"appeal-([^\"]+)\"");
        assertEquals(25, oldest.size());
        assertEquals("1–25 of 30", text(appeals, "range"));
        String last = get(link(appeals, "last"));
        assertEquals("6–30 of 30", text(last, "range"));
        assertEquals("page 2 of 2", text(last, "position"));
        List<String> newest = matches(last, "<tr id=\"appeal-([^\"]+)\"");
        assertEquals(oldest.subList(5, 25), newest.subList(0, 20), "the last 25, oldest filed first");
        assertEquals(oldest, matches(get(link(last, "previous")), "<tr id=\"appeal-([^\"]+)\""),
                "before them, the first page whole");
    }

    @Test
    void aBadSortPageKeyOrEndIsABadRequestNamingTheField() throws Exception {
        HttpResponse<String> sort = send("/anchors?sort=tier");
        assertEquals(400, sort.statusCode());
        assertTrue(sort.body().contains("sort"), sort.body());
        assertEquals(400, send("/anchors?sort=score&after=lister-01").statusCode(), "a key of the id order");
        assertEquals(400, send("/anchors/history?ledger-end=middle").statusCode());
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "id score" of each row of a list of anchors. */
    private static List<String> rows(String page) {
        List<String> rows = new ArrayList<>();
        Matcher row = ANCHOR_ROW.matcher(page);
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2));
        }
        return rows;
    }

    private static List<String> matches(String page, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(page);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The text of the page's pager's span of this class. */
    private static String text(String page, String spanClass) {
        List<String> found = matches(page, "<span class=\"(?:muted )?" + spanClass + "\">([^<]*)</span>");
        assertEquals(1, found.size(), spanClass + " in " + page);
        return found.get(0);
    }

    /** The link of the page's only pager with this class. */
    private static String link(String page, String linkClass) {
        List<String> found = matches(page, "<a href=\"([^\"]*)\" class=\"" + linkClass + "\"");
        assertEquals(1, found.size(), linkClass + " in " + page);
        return found.get(0).replace("&amp;", "&");
    }

    /** The link of this class in the pager of this id. */
    private static String link(String page, String linkClass, String pagerId) {
        int pager = page.indexOf("id=\"" + pagerId + "\"");
        assertTrue(pager >= 0, pagerId + " in " + page);
        return link(page.substring(pager, page.indexOf("</nav>", pager)), linkClass);
    }

    private static String header(String page, String id) {
        List<String> found = matches(page, "<a href=\"([^\"]*)\" class=\"sort\" id=\"" + id + "\"");
        assertEquals(1, found.size(), id);
        return found.get(0).replace("&amp;", "&");
    }
}
