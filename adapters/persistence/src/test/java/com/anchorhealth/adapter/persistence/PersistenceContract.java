package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.anchor.RecoveryCredits;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.appeal.AppealFilter;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.write.ForgetOldRequestKeys;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.anchor.LatestCounted;
import com.anchorhealth.domain.anchor.SessionSpill;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHOR_SESSIONS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.APPEALS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.AUDIT_TRAIL;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILD_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.POLICY_VERSIONS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.PUBLIC_NOTICES;
import static com.anchorhealth.adapter.persistence.jooq.Tables.RECOVERY_CREDITS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.REQUEST_KEYS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistence ports against a real database. Subclasses choose the engine; every test starts
 * from empty tables.
 */
abstract class PersistenceContract extends OneDatabaseContract {
    /** Millisecond precision, as the application's clock ticks. */
    static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123Z");

    private JooqAnchors anchors;
    private JooqViolations violations;
    private JooqLedger ledger;
    private JooqIdempotencyKeys keys;
    private JooqStandingOutbox outbox;
    private JooqTransactions transactions;

    @BeforeEach
    void emptyTables() {
        var dsl = database.dsl();
        List.of(APPEALS, STANDING_CHANGES, REQUEST_KEYS, AUDIT_TRAIL, SCORE_EVENTS, VIOLATIONS, ANCHORS, POLICY_VERSIONS,
                        GUILD_EVENTS, GUILDS, PUBLIC_NOTICES, RECOVERY_CREDITS, ANCHOR_SESSIONS)
                .forEach(table -> dsl.deleteFrom(table).execute());
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, 0L).set(CHANGE_FEEDS.PRUNED_THROUGH, 0L).execute();
        anchors = new JooqAnchors(dsl);
        violations = new JooqViolations(dsl);
        ledger = new JooqLedger(dsl);
        keys = new JooqIdempotencyKeys(dsl);
        outbox = new JooqStandingOutbox(dsl);
        transactions = new JooqTransactions(dsl);
    }

    @Test
    void anAnchorRoundTripsWithItsProfileScoreAndMilliseconds() {
        AnchorRecord stored = anchor("mia", 87, Optional.of("guild-7"));
        anchors.insert(stored);
        assertEquals(Optional.of(stored), anchors.find(new AnchorId("mia")));

        AnchorProfile moved = new AnchorProfile(new AnchorId("mia"), "Mia Live", Certification.EXPERT, 3, 5, 6,
                Optional.empty());
        anchors.updateProfile(moved, T0.plusMillis(1));
        AnchorScore lower = new AnchorScore(new AnchorId("mia"), 100, 80, 3, Optional.of(T0.plusMillis(7)));
        Anchor withFacts = new Anchor(moved, lower, 2, new HeldSessions(Map.of("live-1", T0.plus(Duration.ofDays(30)),
                "live 2", T0.plusMillis(9)), Optional.of(T0.plusMillis(3))), Optional.of(T0.plusMillis(5)));
        anchors.updateStandings(List.of(withFacts), T0.plusMillis(2));

        AnchorRecord found = anchors.find(new AnchorId("mia")).orElseThrow();
        assertEquals(moved, found.profile());
        assertEquals(withFacts, found.anchor(), "the standing facts round-trip on the row");
        assertEquals(T0, found.createdAt());
        assertEquals(T0.plusMillis(2), found.updatedAt());
        assertEquals(Optional.empty(), anchors.find(new AnchorId("nobody")));
    }

    /** More rows than one fetch, each read into the facts and sequence its stored anchor gives. */
    @Test
    void everyStandingIsStreamedWithTheFactsItsRowHolds() {
        List<Anchor> changed = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            AnchorRecord stored = anchor("s" + i, 100, Optional.empty());
            anchors.insert(stored);
            if (i % 3 == 1) {
                changed.add(new Anchor(stored.profile(), new AnchorScore(stored.profile().anchorId(), 100, 60 + i % 40,
                        2 + i, Optional.of(T0.plusMillis(i))), i % 2, i % 6 == 1 ? new HeldSessions(Map.of(
                        "live-" + i, T0.plus(Duration.ofDays(30)), "live " + i, T0.plusMillis(9)),
                        Optional.of(T0.plusMillis(i))) : HeldSessions.NONE, Optional.of(T0)));
            }
        }
        anchors.updateStandings(changed, T0.plusMillis(1));

        Map<String, StandingFacts> streamed = new ConcurrentHashMap<>();
        Map<String, Integer> sequences = new ConcurrentHashMap<>();
        anchors.forEachStanding((anchorId, sequence, facts) -> {
            streamed.put(anchorId, facts);
            sequences.put(anchorId, sequence);
        });

        assertEquals(1_200, streamed.size());
        for (int i = 0; i < 1_200; i++) {
            AnchorRecord stored = anchors.find(new AnchorId("s" + i)).orElseThrow();
            assertEquals(stored.anchor().facts(), streamed.get("s" + i), "s" + i);
            assertEquals(stored.score().ledgerSequence(), sequences.get("s" + i), "s" + i);
        }
    }

    @Test
    void sessionsPushedOffTheRowAreHeldInTheStoreUntilPrunedOrReleased() {
        AnchorId mia = new AnchorId("mia");
        AnchorRecord stored = anchor("mia", 90, Optional.empty());
        anchors.insert(stored);
        JooqAnchorSessions store = new JooqAnchorSessions(database.dsl());
        Instant day10 = T0.plus(Duration.ofDays(10));
        Instant day30 = T0.plus(Duration.ofDays(30));
        HeldSessions kept = new HeldSessions(Map.of("live-new", day30), Optional.of(day30));
        Anchor spilled = new Anchor(stored.profile(), stored.score(), 0, kept, Optional.of(T0),
                new SessionSpill(Map.of("live-old", day10, "live-mid", day30, "live-gone", day30), Set.of(), true));
        anchors.updateStandings(List.of(spilled), T0);

        assertEquals(kept, anchors.find(mia).orElseThrow().anchor().heldSessions());
        assertEquals(Optional.of(day10), store.heldUntil(mia, "live-old"));
        assertEquals(Optional.empty(), store.heldUntil(mia, "live-new"));
        assertEquals(Optional.empty(), store.heldUntil(new AnchorId("other"), "live-old"));

        // A bound write (a large group's), at day 10: live-old's hold has closed; an older hold never
        // shortens a longer one; an overturn's release leaves the store.
        Anchor later = new Anchor(stored.profile(), stored.score(), 0, kept, Optional.of(T0),
                new SessionSpill(Map.of("live-mid", day10, "live-other", day30), Set.of("live-gone"), true));
        AnchorRecord zoe = anchor("zoe", 100, Optional.empty());
        anchors.insert(zoe);
        database.dsl().connection(connection -> RowWrite.execute(connection,
                anchors.standingsOf(List.of(later, zoe.anchor()), day10).bound(), false));

        assertEquals(Optional.empty(), store.heldUntil(mia, "live-old"));
        assertEquals(Optional.of(day30), store.heldUntil(mia, "live-mid"));
        assertEquals(Optional.of(day30), store.heldUntil(mia, "live-other"));
        assertEquals(Optional.empty(), store.heldUntil(mia, "live-gone"));
        assertEquals(2, database.dsl().fetchCount(ANCHOR_SESSIONS));
    }

    @Test
    void severalAnchorsAreFoundInOneReadInIdOrder() {
        AnchorRecord mia = anchor("mia", 87, Optional.empty());
        AnchorRecord leo = anchor("leo", 100, Optional.empty());
        anchors.insert(mia);
        anchors.insert(leo);
        anchors.insert(anchor("kai", 100, Optional.empty()));
        assertEquals(List.of(leo, mia), anchors.findAll(List.of(new AnchorId("mia"), new AnchorId("leo"),
                new AnchorId("nobody"))));
        assertEquals(List.of(), anchors.findAll(List.of()));
    }

    @Test
    void aTakenAnchorIdIsAConflict() {
        anchors.insert(anchor("mia", 100, Optional.empty()));
        assertThrows(StoreConflictException.class, () -> anchors.insert(anchor("mia", 100, Optional.empty())));
    }

    @Test
    void anchorsPageByIdWithinAScoreRangeAndGuild() {
        for (int i = 0; i < 7; i++) {
            anchors.insert(anchor("a" + i, 30 + i * 5, Optional.of(i % 2 == 0 ? "even" : "odd")));
        }
        Page<AnchorRecord> first = anchors.list(AnchorFilter.ALL, PageRequest.first(3));
        assertEquals(List.of("a0", "a1", "a2"), ids(first));
        Page<AnchorRecord> last = anchors.list(AnchorFilter.ALL, new PageRequest(3, Optional.of("a5")));
        assertEquals(List.of("a6"), ids(last));
        assertEquals(Optional.empty(), last.nextAfter());

        assertEquals(List.of("a0", "a1"), ids(anchors.list(new AnchorFilter(20, 39, Optional.empty()),
                PageRequest.first(10))));
        assertEquals(List.of("a2", "a4", "a6"), ids(anchors.list(new AnchorFilter(40, 1000, Optional.of(Set.of("even"))),
                PageRequest.first(10))));
        assertEquals(List.of("a1", "a3", "a5"), ids(anchors.list(new AnchorFilter(Integer.MIN_VALUE,
                Integer.MAX_VALUE, Optional.of(Set.of("odd", "none"))), PageRequest.first(10))), "members of any guild named");

        List<String> streamed = new ArrayList<>();
        anchors.forEach(record -> streamed.add(record.profile().anchorId().value()));
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6"), streamed);
    }

    @Test
    void violationsRoundTripAndPageInRecordingOrder() {
        RecordedViolation withSession = violation("v01", "mia", Optional.of("live-1"), true, ViolationState.ACTIVE);
        RecordedViolation bare = new RecordedViolation("v02", "req-v02", new ViolationReport(new AnchorId("mia"),
                "VULGAR_LANGUAGE", T0, Optional.empty(), "moderation", List.of()), Severity.MINOR, false, T0, 1, 0, 0,
                1, ViolationState.OUT_OF_SCOPE, Optional.of("before the trial"), 2);
        violations.insert(withSession);
        violations.insert(bare);
        violations.insert(violation("v03", "mia", Optional.empty(), false, ViolationState.ACTIVE));
        violations.insert(violation("v01", "zoe", Optional.empty(), false, ViolationState.ACTIVE));

        assertEquals(Optional.of(withSession), violations.find(new AnchorId("mia"), "v01"));
        assertEquals(Optional.of(bare), violations.find(new AnchorId("mia"), "v02"));
        Page<ViolationWithFacts> first = violations.list(new AnchorId("mia"), PageRequest.first(2));
        assertEquals(List.of(new ViolationWithFacts(withSession, Optional.empty()), new ViolationWithFacts(bare,
                Optional.empty())), first.items(), "recorded without facts: none kept");
        assertEquals(List.of("v03"), violations.list(new AnchorId("mia"), new PageRequest(2, first.nextAfter()))
                .items().stream().map(row -> row.violation().violationId()).toList());
        assertEquals(3, violations.listAll(new AnchorId("mia")).size());
        assertEquals(1, violations.listAll(new AnchorId("zoe")).size());
        assertEquals(List.of(), violations.listAll(new AnchorId("nobody")));
    }

    /** The aggregates an overturn falls back on are those of the anchor's counted violations read whole. */
    @Test
    void theLatestCountedTimesAreThoseOfTheViolationsReadWhole() {
        List<RecordedViolation> recorded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RecordedViolation base = violation(String.format("v%02d", i), "mia", i % 3 == 0 ? Optional.empty()
                    : Optional.of("live-" + i % 2), false, i % 4 == 3 ? ViolationState.OUT_OF_SCOPE
                    : ViolationState.ACTIVE);
            // Recorded one minute apart; reported to have occurred in another order.
            RecordedViolation violation = new RecordedViolation(base.violationId(), base.requestId(),
                    new ViolationReport(base.anchorId(), base.report().violationType(),
                            T0.minus(Duration.ofHours((i * 7) % 5)), base.report().liveSessionId(), "moderation",
                            List.of()), base.severity(), false, T0.plus(Duration.ofMinutes(i)), 5, 1, 6, 1,
                    base.state(), Optional.empty(), i + 2);
            violations.insert(violation);
            recorded.add(violation);
        }
        violations.insert(violation("v00", "zoe", Optional.of("live-1"), false, ViolationState.ACTIVE));
        violations.updateState(new AnchorId("mia"), "v10", ViolationState.OVERTURNED);

        for (RecordedViolation overturned : List.of(recorded.get(11), recorded.get(10), recorded.get(5),
                recorded.get(0))) {
            List<RecordedViolation> whole = violations.listAll(new AnchorId("mia"));
            assertEquals(LatestCounted.among(overturned, whole), violations.latestCounted(overturned),
                    overturned.violationId());
        }
        RecordedViolation lastInSession = recorded.get(11);
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(5))), violations.latestCounted(lastInSession)
                .recordedInSession(), "live-1's latest that counts: v05 (v07 and v11 are out of scope)");
    }

    @Test
    void anAppealRoundTripsWithItsViolationAndDecision() {
        RecordedViolation violation = violation("v01", "mia", Optional.empty(), false, ViolationState.ACTIVE);
        violations.insert(violation);
        JooqAppeals appeals = new JooqAppeals(database.dsl());
        Appeal filed = new Appeal(violation, "not me", T0.plusMillis(9), "mia", AppealState.PENDING, Optional.empty(),
                Optional.empty(), Optional.empty());
        appeals.insert(filed);
        assertEquals(Optional.of(filed), appeals.find(new AnchorId("mia"), "v01"));
        assertThrows(StoreConflictException.class, () -> appeals.insert(filed));

        violations.updateState(new AnchorId("mia"), "v01", ViolationState.OVERTURNED);
        Appeal decided = filed.decide(AppealDecision.OVERTURN, "film clip", T0.plusMillis(20), "ops");
        appeals.updateDecision(decided);
        Appeal found = appeals.find(new AnchorId("mia"), "v01").orElseThrow();
        assertEquals(AppealState.OVERTURNED, found.state());
        assertEquals(Optional.of(T0.plusMillis(20)), found.decidedAt());
        assertEquals(Optional.of("film clip"), found.decisionNote());
        assertEquals(ViolationState.OVERTURNED, found.violation().state());
        assertEquals(Optional.empty(), appeals.find(new AnchorId("mia"), "v02"));
    }

    @Test
    void appealsPageOldestFiledFirstForOneAnchorOrAllAndOneStateOrAny() {
        JooqAppeals appeals = new JooqAppeals(database.dsl());
        // Filed in this order; "zoe/v01" and "mia/v03" at the same millisecond, ordered by anchor id then.
        List<Appeal> filed = List.of(appeal("zoe", "v02", 1), appeal("mia", "v03", 2), appeal("zoe", "v01", 2),
                appeal("mia", "v01", 3), appeal("kai", "v01", 4));
        for (Appeal appeal : filed) {
            violations.insert(appeal.violation());
            appeals.insert(appeal);
        }
        Appeal decided = filed.get(3).decide(AppealDecision.UPHOLD, "clear evidence", T0.plusMillis(30), "ops");
        appeals.updateDecision(decided);

        assertEquals(List.of("zoe/v02", "mia/v03", "zoe/v01", "mia/v01", "kai/v01"),
                allPages(appeals, new AppealFilter(Optional.empty(), Optional.empty(), Optional.empty()), 2));
        assertEquals(List.of("zoe/v02", "mia/v03", "zoe/v01", "kai/v01"), allPages(appeals,
                new AppealFilter(Optional.empty(), Optional.of(AppealState.PENDING), Optional.empty()), 2), "the queue");
        assertEquals(List.of("mia/v03", "mia/v01"), allPages(appeals,
                new AppealFilter(Optional.of(new AnchorId("mia")), Optional.empty(), Optional.empty()), 1));
        assertEquals(List.of("mia/v01"), allPages(appeals,
                new AppealFilter(Optional.of(new AnchorId("mia")), Optional.of(AppealState.UPHELD), Optional.empty()), 5));
        anchors.insert(anchor("mia", 100, Optional.of("stars")));
        anchors.insert(anchor("kai", 100, Optional.of("moons")));
        anchors.insert(anchor("zoe", 100, Optional.empty()));
        assertEquals(List.of("mia/v03", "mia/v01", "kai/v01"), allPages(appeals,
                new AppealFilter(Optional.empty(), Optional.empty(), Optional.of(Set.of("stars", "moons"))), 2),
                "the appeals of the guilds' members only");
        assertEquals(List.of(), allPages(appeals,
                new AppealFilter(Optional.of(new AnchorId("zoe")), Optional.empty(), Optional.of(Set.of("stars"))), 2));
        assertEquals(decided, appeals.list(new AppealFilter(Optional.empty(), Optional.of(AppealState.UPHELD), Optional.empty()),
                PageRequest.first(5)).items().get(0), "with its violation and decision");
    }

    private static List<String> allPages(JooqAppeals appeals, AppealFilter filter, int size) {
        List<String> names = new ArrayList<>();
        PageRequest page = PageRequest.first(size);
        while (true) {
            Page<Appeal> found = appeals.list(filter, page);
            assertTrue(found.items().size() <= size);
            found.items().forEach(appeal -> names.add(appeal.violation().anchorId() + "/"
                    + appeal.violation().violationId()));
            if (found.nextAfter().isEmpty()) {
                return names;
            }
            page = new PageRequest(size, found.nextAfter());
        }
    }

    private static Appeal appeal(String anchorId, String violationId, int filedAfterMillis) {
        return new Appeal(violation(violationId, anchorId, Optional.empty(), false, ViolationState.ACTIVE), "not me",
                T0.plusMillis(filedAfterMillis), anchorId, AppealState.PENDING, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void theLedgerKeepsSequenceOrderPerAnchor() {
        for (int seq = 1; seq <= 5; seq++) {
            ledger.append(event("mia", seq));
        }
        ledger.append(event("zoe", 1));
        Page<ScoreEvent> first = ledger.list(new AnchorId("mia"), PageRequest.first(2));
        assertEquals(List.of(1, 2), first.items().stream().map(ScoreEvent::sequence).toList());
        assertEquals(List.of(3, 4), ledger.list(new AnchorId("mia"), new PageRequest(2, first.nextAfter()))
                .items().stream().map(ScoreEvent::sequence).toList());
        assertEquals(event("mia", 5), ledger.ledgerOf(new AnchorId("mia")).get(4));
        Map<AnchorId, List<ScoreEvent>> both = ledger.ledgersOf(List.of(new AnchorId("mia"), new AnchorId("zoe"),
                new AnchorId("nobody")));
        assertEquals(5, both.get(new AnchorId("mia")).size());
        assertEquals(1, both.get(new AnchorId("zoe")).size());
        assertTrue(!both.containsKey(new AnchorId("nobody")));
        assertThrows(StoreConflictException.class, () -> ledger.append(event("mia", 5)));
    }

    @Test
    void transactionsRunOnConnectionsThatNeverSwitchAutocommitWhileSingleStatementsCommitThemselves() {
        assertTrue(database.dsl().connectionResult(Connection::getAutoCommit));
        HikariDataSource transactionPool = database.pools().get(1);
        assertEquals(List.of(false, 1), transactions.inTransaction(() -> List.of(
                database.dsl().connectionResult(Connection::getAutoCommit),
                transactionPool.getHikariPoolMXBean().getActiveConnections())), "autocommit off, from the transactions' pool");
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            anchors.insert(anchor("rolled-back", 100, Optional.empty()));
            throw new IllegalStateException("the transaction fails");
        }));
        assertEquals(Optional.empty(), anchors.find(new AnchorId("rolled-back")));
    }

    @Test
    void anAdjustmentKeepsItsReasonAndIsReadWithTheKindsAReplayKeeps() {
        ledger.append(event("mia", 1));
        ledger.append(event("mia", 2));
        ScoreEvent recovery = new ScoreEvent(new AnchorId("mia"), 3, ScoreEventKind.RECOVERY, 1, 98, Optional.empty(),
                T0.plusMillis(3), "recovery-job");
        ScoreEvent adjustment = new ScoreEvent(new AnchorId("mia"), 4, ScoreEventKind.ADJUSTMENT, -40, 58,
                Optional.empty(), Optional.of("refund fraud, ticket 7781 (关联)"), T0.plusMillis(4), "ops");
        ledger.append(recovery);
        ledger.append(adjustment);

        assertEquals(adjustment, ledger.ledgerOf(new AnchorId("mia")).get(3), "the reason round-trips");
        assertEquals(Optional.empty(), ledger.ledgerOf(new AnchorId("mia")).get(1).reason());
    }

    @Test
    void aRequestIdIsTakenOncePerCallerAndMethodAndKeepsItsFirstResponse() {
        IdempotencyRecord first = new IdempotencyRecord("req-1", "RecordViolation", "f".repeat(64),
                "anchors/mia/violations/v1", T0, "moderation-pipeline", Optional.of("{\"points\":7,\"note\":\"日本\"}"));
        keys.insert(first);
        assertEquals(Optional.of(first), keys.find(first.key()));
        assertThrows(StoreConflictException.class, () -> keys.insert(first));
        assertEquals(Optional.empty(), keys.find(new IdempotencyRecord.Key("moderation-pipeline", "RecordViolation",
                "req-2")));

        IdempotencyRecord otherCaller = new IdempotencyRecord("req-1", "RecordViolation", "e".repeat(64),
                "anchors/zoe/violations/v9", T0, "another-pipeline", Optional.of("x".repeat(70_000)));
        IdempotencyRecord otherMethod = new IdempotencyRecord("req-1", "UpsertAnchor", "d".repeat(64),
                "anchors/mia", T0, "moderation-pipeline", Optional.empty());
        keys.insertAll(List.of(otherCaller, otherMethod));
        assertEquals(Map.of(first.key(), first, otherCaller.key(), otherCaller, otherMethod.key(), otherMethod),
                keys.findAll(List.of(first.key(), otherCaller.key(), otherMethod.key())));
    }

    @Test
    void oldKeysArePrunedWhileTheAuditTrailKeepsEveryCall() {
        IdempotencyRecord old = new IdempotencyRecord("req-old", "RecordViolation", "f".repeat(64),
                "anchors/mia/violations/v1", T0, "moderation-pipeline", Optional.empty());
        IdempotencyRecord recent = new IdempotencyRecord("req-new", "RecordViolation", "f".repeat(64),
                "anchors/mia/violations/v2", T0.plusSeconds(3600), "moderation-pipeline", Optional.empty());
        keys.insertAll(List.of(old, recent));

        assertEquals(1, keys.pruneCreatedBefore(T0.plusSeconds(60), 10));

        assertEquals(Optional.empty(), keys.find(old.key()));
        assertEquals(Optional.of(recent), keys.find(recent.key()));
        assertEquals(2, database.dsl().fetchCount(AUDIT_TRAIL), "who did what stays");
    }

    @Test
    void pruningGoesInBoundedBatchesUntilEveryOldKeyIsForgotten() {
        List<IdempotencyRecord> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(new IdempotencyRecord("req-old-" + i, "RecordViolation", "f".repeat(64),
                    "anchors/mia/violations/v" + i, T0.plusSeconds(i), "moderation-pipeline", Optional.empty()));
        }
        IdempotencyRecord recent = new IdempotencyRecord("req-new", "RecordViolation", "f".repeat(64),
                "anchors/mia/violations/v9", T0.plusSeconds(3600), "moderation-pipeline", Optional.empty());
        keys.insertAll(old);
        keys.insert(recent);
        Instant cutoff = T0.plusSeconds(60);

        assertEquals(2, keys.pruneCreatedBefore(cutoff, 2), "one batch, however many are due");
        assertEquals(Map.of(), keys.findAll(List.of(old.get(0).key(), old.get(1).key())), "the oldest first");
        assertEquals(3, new ForgetOldRequestKeys(keys, Duration.ofSeconds(60), 2,
                Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC)).runOnce(), "batch after batch until none is due");

        assertEquals(Map.of(), keys.findAll(old.stream().map(IdempotencyRecord::key).toList()));
        assertEquals(Optional.of(recent), keys.find(recent.key()));
    }

    @Test
    void aBatchWritesManyRowsAtOnceAndLocksItsAnchorsTogether() {
        for (String id : List.of("zoe", "mia", "kai")) {
            anchors.insert(anchor(id, 100, Optional.empty()));
        }
        Map<AnchorId, AnchorRecord> locked = transactions.inTransaction(() -> anchors.lockAll(List.of(
                new AnchorId("zoe"), new AnchorId("mia"), new AnchorId("nobody"))));
        assertEquals(List.of(new AnchorId("mia"), new AnchorId("zoe")), List.copyOf(locked.keySet()), "in id order");

        List<RecordedViolation> recorded = new ArrayList<>();
        List<IdempotencyRecord> taken = new ArrayList<>();
        for (int i = 0; i < MultiRowInsert.ROWS_PER_STATEMENT + 3; i++) {
            recorded.add(violation("v" + i, i % 2 == 0 ? "mia" : "zoe", Optional.empty(), false,
                    ViolationState.ACTIVE));
            taken.add(new IdempotencyRecord("batch-" + i, "RecordViolation", "f".repeat(64), "anchors/mia", T0,
                    "moderation", Optional.of("{}")));
        }
        transactions.inTransaction(() -> {
            violations.insertAll(recorded);
            keys.insertAll(taken);
            anchors.updateStandings(List.of(standing("mia", 70, 9), standing("zoe", 80, 5)), T0.plusMillis(3));
            return null;
        });
        assertEquals(252, violations.listAll(new AnchorId("mia")).size());
        assertEquals(recorded.get(1), violations.listAll(new AnchorId("zoe")).get(0));
        assertEquals(Set.of(taken.get(0).key(), taken.get(502).key()), keys.findAll(List.of(taken.get(0).key(),
                taken.get(502).key(), new IdempotencyRecord.Key("moderation", "RecordViolation", "other"))).keySet());
        assertEquals(70, anchors.find(new AnchorId("mia")).orElseThrow().score().score());
        assertEquals(80, anchors.find(new AnchorId("zoe")).orElseThrow().score().score());
        assertEquals(100, anchors.find(new AnchorId("kai")).orElseThrow().score().score());
        assertThrows(StoreConflictException.class, () -> keys.insertAll(List.of(taken.get(7))));
    }

    @Test
    void aGroupsChangesReadBackTheSameWhateverItsSize() {
        // One row, a few, and more than one statement takes.
        for (int size : List.of(1, 3, MultiRowInsert.ROWS_PER_STATEMENT + 20)) {
            String anchorId = "group-of-" + size;
            anchors.insert(anchor(anchorId, 100, Optional.empty()));
            List<NewViolation> recorded = new ArrayList<>();
            List<ScoreEvent> entries = new ArrayList<>();
            List<StandingChange> changes = new ArrayList<>();
            Map<IdempotencyRecord.Key, KeptViolation> kept = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String violationId = String.format("v%03d", i);
                RecordedViolation violation = atSequence(violation(violationId, anchorId, Optional.of("live-" + i),
                        i % 2 == 0, ViolationState.ACTIVE), i + 2);
                StandingFacts after = new StandingFacts(99 - i, 100, i % 3 == 0 ? Optional.empty()
                        : Optional.of(T0.plusMillis(i)), i % 2 == 0, HeldSessions.NONE);
                NewViolation row = new NewViolation(violation, "moderation", "f".repeat(64), after);
                recorded.add(row);
                kept.put(new IdempotencyRecord.Key("moderation", "RecordViolation", violation.requestId()),
                        new KeptViolation(violation, "f".repeat(64), Optional.of(after)));
                entries.add(deductionOf(row));
                if (i % 2 == 0) {
                    // Half of them change what checks read: those carry their change, with a feed position.
                    changes.add(new StandingChange(violationId, new AnchorId(anchorId), violation.ledgerSequence(),
                            100 - i, 99 - i, Tier.NORMAL, Tier.NORMAL, Set.of(Capability.TRAFFIC_SUPPORT),
                            ChangeCause.VIOLATION_RECORDED, Optional.of(violationId), violation.recordedAt()));
                }
            }
            Anchor after = standing(anchorId, 100 - size, size + 1);
            transactions.inTransaction(() -> {
                new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(recorded, entries, List.of(after),
                        changes), T0.plusSeconds(1));
                return null;
            });

            AnchorId id = new AnchorId(anchorId);
            assertEquals(recorded.stream().map(NewViolation::violation).toList(), violations.listAll(id),
                    size + " violations");
            assertEquals(entries, ledger.ledgerOf(id), size + " ledger entries, each its violation's row");
            assertEquals(after, anchors.find(id).orElseThrow().anchor(), size + ": the standing");
            assertEquals(changes, outbox.changesOf(id), size + " changes, kept on their violations");
            assertEquals(kept, violations.recordedBy(kept.keySet()), size + " violations found by their request keys");
            assertEquals(recorded.stream().collect(Collectors.toMap(row -> row.violation().violationId(),
                    NewViolation::factsAfter)), violations.factsAfter(id, recorded.stream()
                    .map(row -> row.violation().violationId()).toList()), size + " violations' facts after them");
            assertEquals(recorded.stream().map(row -> new ViolationWithFacts(row.violation(),
                    Optional.of(row.factsAfter()))).toList(), violations.list(id, PageRequest.first(size)).items(),
                    size + " violations read with their facts");
        }
        assertEquals(0, database.dsl().fetchCount(SCORE_EVENTS), "a deducting violation is its own ledger entry");
        assertEquals(0, database.dsl().fetchCount(REQUEST_KEYS), "a violation is its own request key");
        assertEquals(0, database.dsl().fetchCount(AUDIT_TRAIL), "and its own audit entry");
    }

    /**
     * A group's values read back as written whatever characters they hold: quotes, backslashes, control
     * characters, SQL, text beyond ASCII; none of them changes the statement that carries it.
     */
    @Test
    void aGroupsTextReadsBackAsWrittenWhateverCharactersItHolds() {
        List<String> texts = List.of("it's", "back\\slash\\", "quote\\'); DROP TABLE violations; --",
                "nul\u0000and\u001actrl-z", "line\nbreak\ttab\r", "\"double\"", "主播违规 🙂", "",
                "?", "-- not a comment", "/* nor this */");
        anchors.insert(anchor("tricky", 100, Optional.empty()));
        List<NewViolation> recorded = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String violationId = String.format("v%03d", i);
            // Evidence references are kept one a line.
            String evidence = text.replace('\n', ' ');
            RecordedViolation violation = new RecordedViolation(violationId, "req " + text, new ViolationReport(
                    new AnchorId("tricky"), "COUNTERFEIT_GOODS", T0.minusMillis(500), Optional.of("live " + text),
                    "source " + text, List.of(evidence, "second " + evidence)), Severity.SERIOUS, false, T0, 5, 1, 6, 1,
                    ViolationState.ACTIVE, Optional.empty(), i + 2);
            StandingFacts after = new StandingFacts(99 - i, 100, Optional.empty(), false, HeldSessions.NONE);
            recorded.add(new NewViolation(violation, "caller " + text, "f".repeat(64), after));
        }
        ScoreEvent adjusted = new ScoreEvent(new AnchorId("tricky"), texts.size() + 2, ScoreEventKind.ADJUSTMENT, -8,
                81, Optional.empty(), Optional.of(String.join("|", texts)), T0.plusMillis(3), "admin's \\ console");
        List<ScoreEvent> entries = new ArrayList<>(recorded.stream().map(PersistenceContract::deductionOf).toList());
        entries.add(adjusted);
        transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).writeLast(new AnchorChanges.Written(recorded, entries, List.of(),
                    List.of()), T0);
            return null;
        });

        AnchorId tricky = new AnchorId("tricky");
        assertEquals(recorded.stream().map(NewViolation::violation).toList(), violations.listAll(tricky));
        assertEquals(entries, ledger.ledgerOf(tricky), "a negative delta and a reason of every kind of text");
        assertEquals(1, database.dsl().fetchCount(ANCHORS), "nothing else written, nothing dropped");
    }

    /**
     * Groups written at once, as concurrent calls write them, each a violation that keeps its change, its
     * deduction's ledger entry (which keeps none) and an adjustment's entry that keeps one: none waits on
     * another's read of the feed's counter, and each learns the positions the feed then reads its changes at.
     */
    @Test
    void concurrentGroupsNeverDeadlockOnTheFeedsCounterAndLearnTheirChangesPositions() throws Exception {
        int writers = 4;
        int groupsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<PositionedChange> learnt = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String anchorId = "concurrent-" + w;
                anchors.insert(anchor(anchorId, 100, Optional.empty()));
                writing.add(pool.submit(() -> {
                    for (int g = 0; g < groupsEach; g++) {
                        int score = 100 - 2 * g;
                        RecordedViolation violation = atSequence(violation(String.format("v%03d", g), anchorId,
                                Optional.empty(), false, ViolationState.ACTIVE), 2 * g + 2);
                        StandingFacts after = new StandingFacts(score - 1, 100, Optional.empty(), false, HeldSessions.NONE);
                        NewViolation recorded = new NewViolation(violation, "moderation", "f".repeat(64), after);
                        StandingChange violated = new StandingChange(violation.violationId(), new AnchorId(anchorId),
                                violation.ledgerSequence(), score, score - 1, Tier.NORMAL, Tier.NORMAL, Set.of(),
                                ChangeCause.VIOLATION_RECORDED, Optional.of(violation.violationId()), violation.recordedAt());
                        ScoreEvent adjusted = new ScoreEvent(new AnchorId(anchorId), 2 * g + 3, ScoreEventKind.ADJUSTMENT,
                                -1, score - 2, Optional.empty(), Optional.of("fix"), T0, "admin");
                        StandingChange adjustment = new StandingChange(anchorId + "-c" + g, new AnchorId(anchorId),
                                2 * g + 3, score - 1, score - 2, Tier.NORMAL, Tier.NORMAL, Set.of(),
                                ChangeCause.SCORE_ADJUSTED, Optional.empty(), T0);
                        learnt.addAll(transactions.inTransaction(() -> new JooqAnchorChanges(database.dsl())
                                .writeLast(new AnchorChanges.Written(List.of(recorded), List.of(deductionOf(recorded),
                                        adjusted), List.of(), List.of(violated, adjustment)), T0)));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writing) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<PositionedChange> read = new JooqStandingFeed(database.dsl()).readAfter(0, 1000).changes();
        assertEquals(2 * writers * groupsEach, read.size(), "every group written once, at its first try");
        assertEquals(read, learnt.stream().sorted(Comparator.comparingLong(PositionedChange::position)).toList(),
                "each change where its writer learnt it is");
    }

    @Test
    void aViolationsRequestKeyIsUniquePerCallerAndFoundByNoOtherCaller() {
        anchors.insert(anchor("mia", 100, Optional.empty()));
        StandingFacts after = new StandingFacts(99, 100, Optional.of(T0), false, HeldSessions.NONE);
        RecordedViolation first = violation("v1", "mia", Optional.empty(), false, ViolationState.ACTIVE);
        write(new NewViolation(first, "moderation", "f".repeat(64), after));

        RecordedViolation sameRequest = new RecordedViolation("v2", first.requestId(), first.report(), first.severity(),
                false, T0, 5, 1, 6, 1, ViolationState.ACTIVE, Optional.empty(), 3);
        assertThrows(StoreConflictException.class, () -> write(new NewViolation(sameRequest, "moderation",
                "e".repeat(64), after)), "the same caller's request id again");
        write(new NewViolation(sameRequest, "another-pipeline", "e".repeat(64), after));
        assertEquals(Set.of(new IdempotencyRecord.Key("moderation", "RecordViolation", first.requestId())),
                violations.recordedBy(List.of(new IdempotencyRecord.Key("moderation", "RecordViolation",
                        first.requestId()), new IdempotencyRecord.Key("moderation", "RecordViolation", "other")))
                        .keySet());
    }

    /**
     * A group's write ends its transaction: on MySQL/MariaDB it commits in the write's own round trip
     * (rows seen by another connection before the transaction's block returns), and a write that fails
     * commits none of its statements, those before the failing one included.
     */
    @Test
    void aLastWriteCommitsWithItsRoundTripAndAFailedOneCommitsNothing() {
        anchors.insert(anchor("mia", 100, Optional.empty()));
        StandingFacts after = new StandingFacts(99, 100, Optional.of(T0), false, HeldSessions.NONE);
        RecordedViolation first = violation("v1", "mia", Optional.empty(), false, ViolationState.ACTIVE);
        NewViolation firstRow = new NewViolation(first, "moderation", "f".repeat(64), after);
        int seenElsewhere = transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).writeLast(new AnchorChanges.Written(List.of(firstRow),
                    List.of(deductionOf(firstRow)), List.of(), List.of()), T0);
            return CompletableFuture.supplyAsync(() -> database.dsl().fetchCount(VIOLATIONS)).join();
        });
        assertEquals(Database.runsStatementsAsOne(database.dsl().dialect()) ? 1 : 0, seenElsewhere,
                "committed with the write where statements run as one");

        AnchorId mia = new AnchorId("mia");
        ScoreEvent adjusted = new ScoreEvent(mia, 2, ScoreEventKind.ADJUSTMENT, -8, 92, Optional.empty(),
                Optional.of("fix"), T0.plusMillis(3), "admin");
        RecordedViolation sameRequest = new RecordedViolation("v2", first.requestId(), first.report(), first.severity(),
                false, T0, 5, 1, 6, 1, ViolationState.ACTIVE, Optional.empty(), 3);
        NewViolation sameRequestRow = new NewViolation(sameRequest, "moderation", "e".repeat(64), after);
        assertThrows(StoreConflictException.class, () -> transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).writeLast(new AnchorChanges.Written(List.of(sameRequestRow),
                    List.of(adjusted, deductionOf(sameRequestRow)), List.of(), List.of()), T0);
            return null;
        }), "the request id taken");
        assertEquals(List.of(deductionOf(firstRow)), ledger.ledgerOf(mia),
                "the entry written before the refused violation rolled back");
        assertEquals(1, database.dsl().fetchCount(VIOLATIONS));
    }

    private void write(NewViolation violation) {
        transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(violation),
                    List.of(deductionOf(violation)), List.of(), List.of()), T0);
            return null;
        });
    }

    @Test
    void changesOtherThanViolationsAreKeptOnTheirLedgerEntriesInFeedOrder() {
        AnchorId mia = new AnchorId("mia");
        StandingChange registered = new StandingChange("c1", mia, 1, 100, 100, Tier.NORMAL,
                Tier.NORMAL, Set.of(), ChangeCause.ANCHOR_REGISTERED, Optional.empty(), T0);
        StandingChange fell = new StandingChange("c2", mia, 2, 44, 36, Tier.NORMAL, Tier.RESTRICTED,
                Set.of(Capability.PK, Capability.LIVE_RECOMMENDATION, Capability.TRAFFIC_SUPPORT),
                ChangeCause.SCORE_ADJUSTED, Optional.empty(), T0.plusMillis(3));
        ScoreEvent opened = new ScoreEvent(mia, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(), T0, "admin");
        ScoreEvent adjusted = new ScoreEvent(mia, 2, ScoreEventKind.ADJUSTMENT, -8, 36, Optional.empty(),
                Optional.of("fix"), T0.plusMillis(3), "admin");
        writeChanges(List.of(opened), List.of(registered));
        writeChanges(List.of(adjusted), List.of(fell));

        assertEquals(List.of(registered, fell), outbox.changesOf(mia));
        assertEquals(List.of(opened, adjusted), ledger.ledgerOf(mia));
        assertEquals(0, database.dsl().fetchCount(STANDING_CHANGES), "no row of their own");
    }

    /**
     * A ledger kept in two places reads as one: the entries of their own, a deduction kept apart from
     * its violation (as before V23), and the violations that are their own deductions, paged, from its
     * newest, from a point and at given sequences, whichever place each is kept in.
     */
    @Test
    void deductingViolationsAreTheirOwnLedgerEntriesAmongTheEntriesKeptApart() {
        AnchorId mia = new AnchorId("mia");
        anchors.insert(anchor("mia", 100, Optional.empty()));
        ScoreEvent opened = new ScoreEvent(mia, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(), T0, "admin");
        RecordedViolation keptApart = atSequence(violation("v1", "mia", Optional.empty(), false,
                ViolationState.ACTIVE), 2);
        ScoreEvent keptApartsDeduction = new ScoreEvent(mia, 2, ScoreEventKind.DEDUCTION, -6, 94, Optional.of("v1"),
                T0, "moderation");
        ledger.append(opened);
        violations.insert(keptApart);
        ledger.append(keptApartsDeduction);
        NewViolation second = new NewViolation(atSequence(violation("v2", "mia", Optional.empty(), false,
                ViolationState.ACTIVE), 3), "moderation", "f".repeat(64),
                new StandingFacts(88, 100, Optional.of(T0), false, HeldSessions.NONE));
        ScoreEvent adjusted = new ScoreEvent(mia, 4, ScoreEventKind.ADJUSTMENT, 2, 90, Optional.empty(),
                Optional.of("fix"), T0.plusMillis(3), "admin");
        NewViolation third = new NewViolation(atSequence(violation("v3", "mia", Optional.empty(), false,
                ViolationState.ACTIVE), 5), "moderation", "e".repeat(64),
                new StandingFacts(84, 100, Optional.of(T0), false, HeldSessions.NONE));
        NewViolation outOfScope = new NewViolation(atSequence(violation("v4", "mia", Optional.empty(), false,
                ViolationState.OUT_OF_SCOPE), 5), "moderation", "d".repeat(64),
                new StandingFacts(84, 100, Optional.of(T0), false, HeldSessions.NONE));
        transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(second, third, outOfScope),
                    List.of(deductionOf(second), adjusted, deductionOf(third)), List.of(), List.of()), T0);
            return null;
        });

        List<ScoreEvent> whole = List.of(opened, keptApartsDeduction, deductionOf(second), adjusted, deductionOf(third));
        assertEquals(whole, ledger.ledgerOf(mia));
        assertEquals(3, database.dsl().fetchCount(SCORE_EVENTS), "the new violations wrote no entry rows");
        Page<ScoreEvent> first = ledger.list(mia, PageRequest.first(2));
        assertEquals(whole.subList(0, 2), first.items());
        Page<ScoreEvent> next = ledger.list(mia, new PageRequest(2, first.nextAfter()));
        assertEquals(whole.subList(2, 4), next.items());
        assertEquals(whole.subList(4, 5), ledger.list(mia, new PageRequest(2, next.nextAfter())).items());
        assertEquals(whole.subList(0, 2), ledger.list(mia, PageRequest.before(2, next.previousBefore().orElseThrow()))
                .items(), "read backward");
        assertEquals(whole.subList(2, 5), ledger.list(mia, PageRequest.last(3)).items(), "read backward from the end");
        assertEquals(whole.subList(3, 5), ledger.newest(mia, 2));
        assertEquals(whole.subList(1, 5), ledger.entriesFrom(mia, 2));
        assertEquals(Map.of(2, whole.get(1), 3, whole.get(2), 5, whole.get(4)), ledger.entriesAt(mia, List.of(2, 3, 5, 9)));
        assertEquals(Map.of(mia, whole), ledger.ledgersOf(List.of(mia, new AnchorId("nobody"))));
    }

    @Test
    void aDeductionThatIsNotItsViolationsFailsTheWrite() {
        anchors.insert(anchor("mia", 100, Optional.empty()));
        NewViolation recorded = new NewViolation(violation("v1", "mia", Optional.empty(), false, ViolationState.ACTIVE),
                "moderation", "f".repeat(64), new StandingFacts(94, 100, Optional.of(T0), false, HeldSessions.NONE));
        ScoreEvent deducted = deductionOf(recorded);
        for (ScoreEvent other : List.of(
                new ScoreEvent(deducted.anchorId(), 2, ScoreEventKind.DEDUCTION, -5, 94, deducted.violationId(), T0,
                        "moderation"),
                new ScoreEvent(deducted.anchorId(), 2, ScoreEventKind.DEDUCTION, -6, 95, deducted.violationId(), T0,
                        "moderation"),
                new ScoreEvent(deducted.anchorId(), 2, ScoreEventKind.DEDUCTION, -6, 94, deducted.violationId(), T0,
                        "another-pipeline"),
                new ScoreEvent(deducted.anchorId(), 2, ScoreEventKind.DEDUCTION, -6, 94, Optional.of("v9"), T0,
                        "moderation"))) {
            assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
                new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(recorded), List.of(other),
                        List.of(), List.of()), T0);
                return null;
            }), other.toString());
        }
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(recorded), List.of(),
                    List.of(), List.of()), T0);
            return null;
        }), "a counted violation without its deduction");
        assertEquals(0, database.dsl().fetchCount(VIOLATIONS), "nothing written");
    }

    @Test
    void aChangeThatNoRowOfItsWriteRecordsFailsTheWrite() {
        AnchorId mia = new AnchorId("mia");
        StandingChange registered = new StandingChange("c1", mia, 1, 100, 100, Tier.NORMAL, Tier.NORMAL, Set.of(),
                ChangeCause.ANCHOR_REGISTERED, Optional.empty(), T0);
        ScoreEvent otherScore = new ScoreEvent(mia, 1, ScoreEventKind.INITIAL, 100, 90, Optional.empty(), T0, "admin");
        assertThrows(IllegalStateException.class, () -> writeChanges(List.of(otherScore), List.of(registered)),
                "its entry says another score");
        assertThrows(IllegalStateException.class, () -> writeChanges(List.of(), List.of(registered)), "no entry");
        assertThrows(IllegalStateException.class, () -> writeChanges(List.of(), List.of(new StandingChange("v1", mia, 1,
                100, 95, Tier.NORMAL, Tier.NORMAL, Set.of(), ChangeCause.VIOLATION_RECORDED, Optional.of("v1"), T0))),
                "a violation's change with no violation");
        assertEquals(List.of(), ledger.ledgerOf(mia), "nothing written");
        assertEquals(new FeedBounds(0, 0), new JooqStandingFeed(database.dsl()).bounds(), "no position taken");
    }

    private void writeChanges(List<ScoreEvent> entries, List<StandingChange> changes) {
        transactions.inTransaction(() -> {
            new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(), entries, List.of(), changes),
                    T0);
            return null;
        });
    }

    @Test
    void policyVersionsKeepTheirDocumentsInVersionOrder() {
        Map<String, Policy> documents = new HashMap<>();
        PolicyCodec codec = new PolicyCodec() {
            @Override
            public String encode(Policy policy) {
                String document = "{\"version\":" + policy.version() + "}";
                documents.put(document, policy);
                return document;
            }

            @Override
            public Policy decode(String document) {
                return documents.get(document);
            }
        };
        JooqPolicyVersions versions = new JooqPolicyVersions(database.dsl(), codec);
        Policy second = DefaultPolicy.candidate().withVersion(2, T0.plusMillis(5));
        Policy first = DefaultPolicy.candidate().withVersion(1, T0);
        PolicyPublication stricter = new PolicyPublication(T0.plusMillis(1), "policy-desk",
                "收紧门槛 after the May review\nsecond line");
        versions.insert(second, stricter);
        versions.insert(first, new PolicyPublication(T0, "server", ""));
        assertEquals(List.of(first, second), versions.all());
        assertEquals(Map.of(1L, new PolicyPublication(T0, "server", ""), 2L, stricter), versions.publications());
        assertThrows(StoreConflictException.class, () -> versions.insert(first, stricter));
    }

    @Test
    void aTransactionThatThrowsWritesNothing() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () ->
                transactions.inTransaction(() -> {
                    anchors.insert(anchor("mia", 100, Optional.empty()));
                    ledger.append(event("mia", 1));
                    throw new IllegalStateException("refused after writing");
                }));
        assertEquals("refused after writing", failure.getMessage());
        assertEquals(Optional.empty(), anchors.find(new AnchorId("mia")));
        assertEquals(List.of(), ledger.ledgerOf(new AnchorId("mia")));
    }

    @Test
    void lockedUpdatesOfOneAnchorLoseNothing() throws Exception {
        anchors.insert(anchor("mia", 0, Optional.empty()));
        int threads = 4;
        int incrementsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        transactions.inTransaction(() -> {
                            Anchor locked = anchors.lock(new AnchorId("mia")).orElseThrow().anchor();
                            AnchorScore score = locked.score();
                            anchors.updateStandings(List.of(withScore(locked, new AnchorScore(score.anchorId(), 1000,
                                    score.score() + 1, score.ledgerSequence() + 1, Optional.empty()))), T0);
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * incrementsEach, anchors.find(new AnchorId("mia")).orElseThrow().score().score());
    }

    @Test
    void aGuildRoundTripsWithItsLedgerRemovalAndMembers() {
        JooqGuilds guilds = new JooqGuilds(database.dsl());
        GuildRules rules = DefaultPolicy.candidate().guildRules();
        Guild.Created created = createdStars(guilds, rules);
        assertThrows(StoreConflictException.class, () -> guilds.insert(created.guild()));

        Guild.Deducted removal = created.guild().deduct(50, GuildEventKind.MEMBER_VIOLATION,
                Optional.of(new AnchorId("mia")), Optional.of("v1"), "member mia: PORNOGRAPHY", rules, "n1",
                T0.plusMillis(5), "moderation-pipeline");
        guilds.appendEvent(removal.event());
        guilds.update(removal.guild());
        assertEquals(Optional.of(removal.guild()), guilds.lock("stars"));
        assertEquals(GuildStatus.REMOVED, guilds.find("stars").orElseThrow().status());
        assertEquals(Optional.of(removal.event()), guilds.event("stars", 2));
        assertEquals(List.of(removal.event()), guilds.eventsOfViolation(new AnchorId("mia"), "v1"));
        assertEquals(List.of(), guilds.eventsOfViolation(new AnchorId("mia"), "v2"));
        assertEquals(List.of(created.opening(), removal.event()), guilds.events("stars", PageRequest.first(5)).items(),
                "the ledger with its actors, oldest first");

        anchors.insert(anchor("mia", 100, Optional.of("stars")));
        anchors.insert(anchor("lin", 100, Optional.of("stars")));
        anchors.insert(anchor("kai", 100, Optional.of("moons")));
        assertEquals(Map.of("stars", 2L, "moons", 1L), anchors.membersOf(List.of("stars", "moons", "suns")));
        guilds.keepMembersAtRemoval("stars");
        anchors.releaseGuild("stars");
        assertEquals(Map.of(), anchors.membersOf(List.of("stars")));
        assertEquals(Optional.empty(), anchors.find(new AnchorId("mia")).orElseThrow().profile().guildId());
        assertEquals(Map.of("moons", 1L), anchors.membersOf(List.of("moons")), "other guilds keep their members");

        MemberAtRemoval lin = new MemberAtRemoval(new AnchorId("lin"), "Anchor lin", 100);
        MemberAtRemoval mia = new MemberAtRemoval(new AnchorId("mia"), "Anchor mia", 100);
        Page<MemberAtRemoval> first = guilds.membersAtRemoval("stars", PageRequest.first(1));
        assertEquals(List.of(lin), first.items(), "in anchor id order, with the name and score they had");
        Page<MemberAtRemoval> second = guilds.membersAtRemoval("stars", new PageRequest(1, first.nextAfter()));
        assertEquals(List.of(mia), second.items());
        assertEquals(Optional.empty(), second.nextAfter());
        assertEquals(List.of(lin, mia), guilds.membersAtRemoval("stars", PageRequest.last(5)).items());
        assertEquals(new ListCount(2, 1), guilds.countMembersAtRemoval("stars", Optional.of("mia")));
        assertEquals(List.of(), guilds.membersAtRemoval("moons", PageRequest.first(5)).items(), "a guild not removed");
        assertEquals(new ListCount(0, 0), guilds.countMembersAtRemoval("moons", Optional.empty()));
    }

    /** The guild "stars", created and stored with its opening entry. */
    private static Guild.Created createdStars(JooqGuilds guilds, GuildRules rules) {
        Guild.Created created = Guild.create("stars", "Starlight", rules, T0, "guild-desk");
        guilds.insert(created.guild());
        guilds.appendEvent(created.opening());
        return created;
    }

    /**
     * The console's ledger reads each entry with its violation's type and its member's name now (by
     * the primary keys of both), the name only for a member of the guilds asked for.
     */
    @Test
    void aGuildsLedgerCarriesItsMembersNamesAndViolationTypes() {
        JooqGuilds guilds = new JooqGuilds(database.dsl());
        GuildRules rules = DefaultPolicy.candidate().guildRules();
        Guild.Created created = createdStars(guilds, rules);
        anchors.insert(anchor("mia", 100, Optional.of("stars")));
        anchors.insert(anchor("kai", 100, Optional.of("moons")));
        violations.insert(violation("v1", "mia", Optional.empty(), false, ViolationState.ACTIVE));
        Guild.Deducted charged = created.guild().deduct(2, GuildEventKind.MEMBER_VIOLATION,
                Optional.of(new AnchorId("mia")), Optional.of("v1"), "member mia: COUNTERFEIT_GOODS", rules, "n1",
                T0.plusMillis(5), "moderation-pipeline");
        guilds.appendEvent(charged.event());
        Guild.Logged left = charged.guild().membership(new AnchorId("kai"), false, T0.plusMillis(6), "guild-desk");
        guilds.appendEvent(left.event());

        assertEquals(List.of(
                        new GuildLedgerEntry(created.opening(), Optional.empty(), Optional.empty()),
                        new GuildLedgerEntry(charged.event(), Optional.of("Anchor mia"), Optional.of("COUNTERFEIT_GOODS")),
                        new GuildLedgerEntry(left.event(), Optional.of("Anchor kai"), Optional.empty())),
                guilds.ledger("stars", Optional.empty(), PageRequest.first(5)).items(), "a caller who sees every guild");
        Page<GuildLedgerEntry> scoped = guilds.ledger("stars", Optional.of(Set.of("stars")), PageRequest.last(2));
        assertEquals(List.of(Optional.of("Anchor mia"), Optional.empty()),
                scoped.items().stream().map(GuildLedgerEntry::memberName).toList(),
                "kai, now in another guild, is not named to the manager of stars");
        assertEquals(List.of(Optional.of("COUNTERFEIT_GOODS"), Optional.empty()),
                scoped.items().stream().map(GuildLedgerEntry::violationType).toList());
        assertEquals(guilds.events("stars", PageRequest.last(2)).previousBefore(), scoped.previousBefore(),
                "paged as the ledger is");
    }

    /**
     * A removed guild's notice is told from the entry that removed it: the last deduction at its removal
     * time, not an earlier one of the same instant (a batch charging it twice) nor a later restoration.
     */
    @Test
    void aRemovedGuildsRemovalIsTheLastDeductionAtItsRemovalTime() {
        JooqGuilds guilds = new JooqGuilds(database.dsl());
        GuildRules rules = DefaultPolicy.candidate().guildRules();
        Guild.Created created = createdStars(guilds, rules);
        guilds.insert(Guild.create("moons", "Moons", rules, T0, "guild-desk").guild());
        anchors.insert(anchor("mia", 100, Optional.of("stars")));
        violations.insert(violation("v1", "mia", Optional.empty(), false, ViolationState.ACTIVE));
        Instant removal = T0.plusMillis(5);
        Guild.Deducted first = created.guild().deduct(1, GuildEventKind.OWN_VIOLATION, Optional.empty(),
                Optional.empty(), "late payment", rules, "n0", removal, "guild-desk");
        guilds.appendEvent(first.event());
        Guild.Deducted removing = first.guild().deduct(first.guild().score() - rules.removalAtOrBelow(),
                GuildEventKind.MEMBER_VIOLATION, Optional.of(new AnchorId("mia")), Optional.of("v1"),
                "member mia: COUNTERFEIT_GOODS", rules, "n1", removal, "moderation-pipeline");
        assertTrue(removing.removedNow() && !first.removedNow());
        guilds.appendEvent(removing.event());
        Guild.Deducted restored = removing.guild().restore(3, new AnchorId("mia"), "v1", removal.plusMillis(4),
                "appeals-desk");
        guilds.appendEvent(restored.event());
        guilds.update(restored.guild());

        assertEquals(Optional.of(new GuildLedgerEntry(removing.event(), Optional.of("Anchor mia"),
                Optional.of("COUNTERFEIT_GOODS"))), guilds.removal("stars", Optional.empty()));
        assertEquals(Optional.empty(), guilds.removal("stars", Optional.of(Set.of("moons"))).orElseThrow()
                .memberName(), "named only to those who see the member, as in the ledger");
        assertEquals(Optional.empty(), guilds.removal("moons", Optional.empty()), "a guild not removed");
    }

    @Test
    void guildsPageByIdWithinStatusAndScore() {
        JooqGuilds guilds = new JooqGuilds(database.dsl());
        for (int i = 0; i < 5; i++) {
            guilds.insert(new Guild("g" + i, "Guild " + i, 100, 40 + i * 10, i == 0 ? GuildStatus.REMOVED
                    : GuildStatus.ACTIVE, 1, T0, i == 0 ? Optional.of(T0) : Optional.empty()));
        }
        GuildFilter any = new GuildFilter(Optional.empty(), Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());
        Page<Guild> first = guilds.list(any, PageRequest.first(2));
        assertEquals(List.of("g0", "g1"), first.items().stream().map(Guild::guildId).toList());
        assertEquals(List.of("g2", "g3"), guilds.list(any, new PageRequest(2, first.nextAfter()))
                .items().stream().map(Guild::guildId).toList());
        assertEquals(List.of("g1", "g2"), guilds.list(new GuildFilter(Optional.of(GuildStatus.ACTIVE), 0, 60,
                Optional.empty()), PageRequest.first(10)).items().stream().map(Guild::guildId).toList());
        assertEquals(List.of("g0", "g3"), guilds.list(new GuildFilter(Optional.empty(), Integer.MIN_VALUE,
                Integer.MAX_VALUE, Optional.of(Set.of("g0", "g3", "elsewhere"))), PageRequest.first(10)).items().stream()
                .map(Guild::guildId).toList(), "only the guilds named");
    }

    @Test
    void noticesPageNewestFirst() {
        JooqPublicNotices notices = new JooqPublicNotices(database.dsl());
        for (int i = 1; i <= 3; i++) {
            notices.publish(new PublicNotice("n" + i, PublicNotice.GUILD_REMOVED, "guilds/g" + i, 50 - i,
                    T0.plusMillis(i), "score fell"));
        }
        Page<PublicNotice> first = notices.listNewestFirst(PageRequest.first(2));
        assertEquals(List.of("n3", "n2"), first.items().stream().map(PublicNotice::noticeId).toList());
        assertEquals(List.of("n1"), notices.listNewestFirst(new PageRequest(2, first.nextAfter())).items().stream()
                .map(PublicNotice::noticeId).toList());
        assertEquals(new PublicNotice("n2", PublicNotice.GUILD_REMOVED, "guilds/g2", 48, T0.plusMillis(2),
                "score fell"), notices.findBySubject("guilds/g2").orElseThrow());
    }

    @Test
    void recoveryCreditsAnswerTheLatestOfEachSource() {
        JooqRecoveryCredits credits = new JooqRecoveryCredits(database.dsl());
        AnchorId mia = new AnchorId("mia");
        assertEquals(Optional.empty(), credits.lastTimeCreditCleanThrough(mia));
        credits.record(new RecoveryCredits.Credit(mia, 5, RecoveryCredits.Source.TIME, Optional.of(T0),
                Optional.empty(), T0.plusMillis(9)));
        credits.record(new RecoveryCredits.Credit(mia, 6, RecoveryCredits.Source.LEARNING_TASK, Optional.empty(),
                Optional.of("course-1"), T0.plusMillis(20)));
        credits.record(new RecoveryCredits.Credit(mia, 7, RecoveryCredits.Source.TIME, Optional.of(T0.plusMillis(30)),
                Optional.empty(), T0.plusMillis(40)));
        assertEquals(Optional.of(T0.plusMillis(30)), credits.lastTimeCreditCleanThrough(mia));
        assertEquals(Optional.of(T0.plusMillis(20)), credits.lastLearningCredit(mia));
        assertEquals(Optional.empty(), credits.lastLearningCredit(new AnchorId("kai")));
        assertThrows(StoreConflictException.class, () -> credits.record(new RecoveryCredits.Credit(mia, 7,
                RecoveryCredits.Source.TIME, Optional.of(T0), Optional.empty(), T0)));
    }

    private static List<String> ids(Page<AnchorRecord> page) {
        return page.items().stream().map(record -> record.profile().anchorId().value()).toList();
    }

    static AnchorRecord anchor(String id, int score, Optional<String> guild) {
        AnchorId anchorId = new AnchorId(id);
        return new AnchorRecord(new Anchor(
                new AnchorProfile(anchorId, "Anchor " + id, Certification.NONE, 2, 120_000, 800, guild),
                new AnchorScore(anchorId, 100, score, 1, Optional.empty()), 0, HeldSessions.NONE, Optional.empty()),
                T0, T0);
    }

    /** The stored anchor's row with a new score projection (its facts as they were). */
    private Anchor standing(String id, int score, int sequence) {
        Anchor stored = anchors.find(new AnchorId(id)).orElseThrow().anchor();
        return withScore(stored, new AnchorScore(stored.anchorId(), 100, score, sequence, Optional.of(T0)));
    }

    /** {@code anchor} with {@code score} and its facts as they were: a row's state, not a change the domain makes. */
    private static Anchor withScore(Anchor anchor, AnchorScore score) {
        return new Anchor(anchor.profile(), score, anchor.sellingRevocations(), anchor.heldSessions(),
                anchor.cleanSince());
    }

    static RecordedViolation violation(String violationId, String anchorId, Optional<String> session,
                                       boolean revokesSelling, ViolationState state) {
        return new RecordedViolation(violationId, "req-" + anchorId + "-" + violationId, new ViolationReport(
                new AnchorId(anchorId), "COUNTERFEIT_GOODS", T0.minusMillis(500), session, "moderation",
                List.of("clip://1", "chat://2 with spaces")), Severity.SERIOUS, revokesSelling, T0, 5, 1, 6, 1, state,
                Optional.empty(), 2);
    }

    /** The violation as the {@code sequence}-th entry of its anchor's ledger. */
    static RecordedViolation atSequence(RecordedViolation violation, int sequence) {
        return new RecordedViolation(violation.violationId(), violation.requestId(), violation.report(),
                violation.severity(), violation.revokesSelling(), violation.recordedAt(), violation.basePoints(),
                violation.surchargePoints(), violation.points(), violation.policyVersion(), violation.state(),
                violation.noDeductionReason(), sequence);
    }

    /** The DEDUCTION entry a counted violation made, as the group that records it writes it. */
    static ScoreEvent deductionOf(NewViolation recorded) {
        RecordedViolation violation = recorded.violation();
        return new ScoreEvent(violation.anchorId(), violation.ledgerSequence(), ScoreEventKind.DEDUCTION,
                -violation.points(), recorded.factsAfter().score(), Optional.of(violation.violationId()),
                violation.recordedAt(), recorded.caller());
    }

    private static ScoreEvent event(String anchorId, int seq) {
        return new ScoreEvent(new AnchorId(anchorId), seq, seq == 1 ? ScoreEventKind.INITIAL : ScoreEventKind.DEDUCTION,
                seq == 1 ? 100 : -3, 100 - (seq - 1) * 3, seq == 1 ? Optional.empty() : Optional.of("v" + seq),
                T0.plusMillis(seq), "moderation");
    }
}
