package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.appeal.AppealFilter;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static com.anchorhealth.adapter.persistence.PersistenceContract.T0;
import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.APPEALS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The back office's lists, sorted and paged by the database in both directions: every page read
 * forward, backward from the end, or as the previous of a page, holds what sorting the whole list in
 * memory would put there, ties go by anchor id, and the counts say where each page stands.
 */
abstract class ListPagingContract extends OneDatabaseContract {
    /** Ties in score and in name, mixed case (names compare byte for byte), and a name holding the keys' "/". */
    private static final int[] SCORES = {50, 30, 50, 70, 30, 50, 90, 10, 50, 30, 70, 50, 10};
    private static final String[] NAMES = {"mia", "Leo", "mia", "ava", "Zoe", "ava", "leo", "kai/k", "mia", "Ava",
            "zoe", "kai", "Mia"};

    private JooqAnchors anchors;
    private final List<AnchorRecord> stored = new ArrayList<>();

    @BeforeEach
    void emptyTables() {
        var dsl = database.dsl();
        List.of(APPEALS, VIOLATIONS, SCORE_EVENTS, ANCHORS, GUILDS).forEach(table -> dsl.deleteFrom(table).execute());
        anchors = new JooqAnchors(dsl);
        stored.clear();
        for (int i = 0; i < SCORES.length; i++) {
            // Inserted out of id order, so that no order comes from the insertion.
            int at = (i * 5) % SCORES.length;
            AnchorRecord record = anchor(String.format("a%02d", at), NAMES[at], SCORES[at],
                    at % 3 == 0 ? Optional.of("g1") : at % 3 == 1 ? Optional.of("g2") : Optional.empty());
            anchors.insert(record);
            stored.add(record);
        }
    }

    @Test
    void anchorsPageInEveryOrderForwardBackwardAndBackAgainWithTiesByAnchorId() {
        List<AnchorFilter> filters = List.of(AnchorFilter.ALL, new AnchorFilter(30, 70, Optional.empty()),
                new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.of(Set.of("g1"))),
                new AnchorFilter(20, 60, Optional.of(Set.of("g1", "g2"))),
                new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty(), Optional.of("MI")));
        for (AnchorOrder order : AnchorOrder.values()) {
            for (AnchorFilter filter : filters) {
                List<String> expected = stored.stream().filter(matching(filter)).sorted(inMemory(order))
                        .map(ListPagingContract::idOf).toList();
                for (int size : List.of(1, 3, 4, 20)) {
                    pagesBothWays(order + " " + filter + " by " + size, expected, size, request ->
                            anchors.list(filter, order, request).map(ListPagingContract::idOf),
                            before -> anchors.count(filter, order, before));
                }
            }
        }
    }

    @Test
    void theHighestScoresComeFirstAsTheExactReverseOfTheLowest() {
        List<String> lowest = allForward(AnchorOrder.SCORE_ASCENDING);
        List<String> highest = allForward(AnchorOrder.SCORE_DESCENDING);
        assertEquals(List.of("a07", "a12"), lowest.subList(0, 2), "10 twice, by id");
        assertEquals(List.of("a06", "a10", "a03"), highest.subList(0, 3), "90, then 70 twice by id descending");
        List<String> reversed = new ArrayList<>(highest);
        Collections.reverse(reversed);
        assertEquals(lowest, reversed);
    }

    @Test
    void aKeyIsTheAnchorIdInIdOrderAndTheSortKeyWithItElsewhere() {
        PageRequest first = PageRequest.first(2);
        assertEquals(Optional.of("a01"), anchors.list(AnchorFilter.ALL, AnchorOrder.ID, first).nextAfter(),
                "the key gRPC's page tokens have always carried");
        assertEquals(Optional.of("10/a12"), anchors.list(AnchorFilter.ALL, AnchorOrder.SCORE_ASCENDING, first)
                .nextAfter());
        assertEquals(Optional.of("a01/Leo"), anchors.list(AnchorFilter.ALL, AnchorOrder.NAME, first).nextAfter(),
                "the id first: names are free text");
        assertThrows(InvalidRequestException.class, () -> anchors.list(AnchorFilter.ALL, AnchorOrder.SCORE_ASCENDING,
                new PageRequest(2, Optional.of("a01/Leo"))), "a key of another order is the caller's error");
        assertThrows(InvalidRequestException.class, () -> anchors.count(AnchorFilter.ALL, AnchorOrder.NAME,
                Optional.of("no-slash")));
    }

    @Test
    void guildsPageBothWaysAndAreCounted() {
        JooqGuilds guilds = new JooqGuilds(database.dsl());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "guild-" + i;
            guilds.insert(new Guild(id, "Guild " + i, 100, 40 + i * 10, GuildStatus.ACTIVE, 1, T0, Optional.empty()));
            if (40 + i * 10 >= 60) {
                ids.add(id);
            }
        }
        GuildFilter filter = new GuildFilter(Optional.of(GuildStatus.ACTIVE), 60, 1000, Optional.empty());
        pagesBothWays("guilds", ids, 2, request -> guilds.list(filter, request).map(Guild::guildId),
                before -> guilds.count(filter, before));
    }

    @Test
    void appealsPageBothWaysAndAreCounted() {
        JooqViolations violations = new JooqViolations(database.dsl());
        JooqAppeals appeals = new JooqAppeals(database.dsl());
        List<String> queue = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String anchorId = "a0" + (i % 3);
            String violationId = "v" + i;
            Appeal appeal = new Appeal(PersistenceContract.violation(violationId, anchorId, Optional.empty(), false,
                    ViolationState.ACTIVE), "not me", T0.plusMillis(i / 2), anchorId, AppealState.PENDING,
                    Optional.empty(), Optional.empty(), Optional.empty());
            violations.insert(appeal.violation());
            appeals.insert(appeal);
            queue.add(anchorId + "/" + violationId);
        }
        // Filed two by two in the same millisecond: ties go by anchor id, then violation id.
        queue.sort(Comparator.comparing((String name) -> Integer.parseInt(name.substring(5)) / 2)
                .thenComparing(Comparator.naturalOrder()));
        AppealFilter pending = new AppealFilter(Optional.empty(), Optional.of(AppealState.PENDING), Optional.empty());
        pagesBothWays("appeals", queue, 3, request -> appeals.list(pending, request)
                        .map(appeal -> appeal.violation().anchorId() + "/" + appeal.violation().violationId()),
                before -> appeals.count(pending, before));
    }

    @Test
    void anAnchorsLedgerAndViolationsPageBothWays() {
        JooqLedger ledger = new JooqLedger(database.dsl());
        JooqViolations violations = new JooqViolations(database.dsl());
        List<String> sequences = new ArrayList<>();
        List<String> violationIds = new ArrayList<>();
        for (int seq = 1; seq <= 11; seq++) {
            ledger.append(new ScoreEvent(new AnchorId("a01"), seq, ScoreEventKind.ADJUSTMENT, -1, 100 - seq,
                    Optional.empty(), T0.plusMillis(seq), "ops"));
            sequences.add(Integer.toString(seq));
            String violationId = String.format("v%03d", seq);
            violations.insert(PersistenceContract.violation(violationId, "a01", Optional.empty(), false,
                    ViolationState.ACTIVE));
            violationIds.add(violationId);
        }
        pagesBothWays("ledger", sequences, 4, request -> ledger.list(new AnchorId("a01"), request)
                .map(event -> Integer.toString(event.sequence())), null);
        pagesBothWays("violations", violationIds, 4, request -> violations.list(new AnchorId("a01"), request)
                .map(row -> row.violation().violationId()), null);
    }

    private List<String> allForward(AnchorOrder order) {
        return anchors.list(AnchorFilter.ALL, order, PageRequest.first(100)).items().stream()
                .map(ListPagingContract::idOf).toList();
    }

    /**
     * Walks the list forward from its start, back from its end, and one page back from every page,
     * checking each page's items and links, and (for a counted list) its count at every step.
     */
    private static void pagesBothWays(String list, List<String> expected, int size,
                                      Function<PageRequest, Page<String>> read,
                                      Function<Optional<String>, ListCount> count) {
        List<List<String>> forward = new ArrayList<>();
        for (int from = 0; from < expected.size() || from == 0; from += size) {
            forward.add(expected.subList(from, Math.min(expected.size(), from + size)));
        }
        PageRequest request = PageRequest.first(size);
        for (int i = 0; i < forward.size(); i++) {
            Page<String> page = read.apply(request);
            String where = list + ", page " + (i + 1) + " forward";
            assertEquals(forward.get(i), page.items(), where);
            assertEquals(i < forward.size() - 1, page.nextAfter().isPresent(), where + ": a next page");
            assertEquals(i > 0, page.previousBefore().isPresent(), where + ": a previous page");
            if (count != null) {
                assertEquals(new ListCount(expected.size(), (long) i * size), count.apply(page.previousBefore()), where);
            }
            if (i > 0) {
                assertEquals(forward.get(i - 1), read.apply(PageRequest.before(size, page.previousBefore().get()))
                        .items(), where + ": its previous page");
            }
            request = new PageRequest(size, page.nextAfter());
        }

        // Back from the end, whole pages until the start, which holds what is left.
        request = PageRequest.last(size);
        int end = expected.size();
        for (int step = 1; ; step++) {
            Page<String> page = read.apply(request);
            String where = list + ", page " + step + " back from the end";
            int from = Math.max(0, end - size);
            assertEquals(expected.subList(from, end), page.items(), where);
            assertEquals(step > 1, page.nextAfter().isPresent(), where + ": a next page");
            assertEquals(from > 0, page.previousBefore().isPresent(), where + ": a previous page");
            if (count != null) {
                assertEquals(new ListCount(expected.size(), from), count.apply(page.previousBefore()), where);
            }
            if (from == 0) {
                return;
            }
            request = PageRequest.before(size, page.previousBefore().get());
            end = from;
        }
    }

    private static Predicate<AnchorRecord> matching(AnchorFilter filter) {
        return record -> {
            int score = record.anchor().score().score();
            String text = filter.text().orElse("");
            return score >= filter.minScore() && score <= filter.maxScore()
                    && filter.guildIds().map(guilds -> record.profile().guildId().filter(guilds::contains).isPresent())
                    .orElse(true)
                    && (idOf(record).startsWith(text)
                    || record.profile().displayName().toLowerCase().contains(text.toLowerCase()));
        };
    }

    /** What each order means, computed over the stored anchors: names byte for byte, ties by id. */
    private static Comparator<AnchorRecord> inMemory(AnchorOrder order) {
        Comparator<AnchorRecord> byId = Comparator.comparing(ListPagingContract::idOf);
        Comparator<AnchorRecord> byScore = Comparator.comparingInt(record -> record.anchor().score().score());
        return switch (order) {
            case ID -> byId;
            case NAME -> Comparator.comparing((AnchorRecord record) -> record.profile().displayName()).thenComparing(byId);
            case SCORE_ASCENDING -> byScore.thenComparing(byId);
            case SCORE_DESCENDING -> byScore.thenComparing(byId).reversed();
        };
    }

    private static String idOf(AnchorRecord record) {
        return record.profile().anchorId().value();
    }

    private static AnchorRecord anchor(String id, String name, int score, Optional<String> guild) {
        AnchorId anchorId = new AnchorId(id);
        return new AnchorRecord(new Anchor(new AnchorProfile(anchorId, name, Certification.NONE, 2, 0, 0, guild),
                new AnchorScore(anchorId, 100, score, 1, Optional.empty()), 0, HeldSessions.NONE, Optional.empty()), T0, T0);
    }
}
