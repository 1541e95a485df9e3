package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.sanction.HeldSessions;
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
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.AUDIT_TRAIL;
import static com.anchorhealth.adapter.persistence.jooq.Tables.REQUEST_KEYS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store written by the version before bounded held sessions (V14: every live session a counted
 * violation holds on the anchor's row, in violation_sessions) migrates in place: every anchor reads
 * back with its score and facts, every session a counted violation holds is held until the default
 * settlement window after its latest counted violation, no other session is, and nothing else
 * changes. Subclasses open the engine's empty database and call {@link #writeBeforeHeldSessionsThenMigrate()}.
 */
abstract class MigrationInPlaceContract extends OneDatabaseContract {
    private static final MigrationVersion BEFORE_HELD_SESSIONS = MigrationVersion.fromVersion("14");
    private static final Instant T0 = PersistenceContract.T0;
    /** When the migrated store is read: a day after its latest violation. */
    private static final Instant NOW = T0.plus(Duration.ofDays(1));
    private static final Duration SETTLEMENT = Duration.ofDays(DefaultPolicy.DEFAULT_SESSION_SETTLEMENT_DAYS);
    /** MySQL 8's default group_concat_max_len, at which V7 cut an anchor's sessions as it moved them. */
    private static final int GROUP_CONCAT_MAX_LEN = 1024;

    private static final List<History> HISTORIES = histories();
    private static final List<StandingChange> OUTBOX = List.of(
            new StandingChange("c1", new AnchorId("ava"), 1, 100, 100, Tier.NORMAL, Tier.NORMAL, Set.of(),
                    ChangeCause.ANCHOR_REGISTERED, Optional.empty(), T0.minus(Duration.ofDays(3))),
            new StandingChange("c2", new AnchorId("ava"), 2, 100, 38, Tier.NORMAL, Tier.RESTRICTED,
                    Set.of(Capability.PK, Capability.LIVE_RECOMMENDATION, Capability.TRAFFIC_SUPPORT),
                    ChangeCause.VIOLATION_RECORDED, Optional.of("v01"), T0.minus(Duration.ofDays(2))),
            new StandingChange("c3", new AnchorId("bo"), 1, 120, 120, Tier.NORMAL, Tier.NORMAL, Set.of(),
                    ChangeCause.ANCHOR_REGISTERED, Optional.empty(), T0.minus(Duration.ofDays(1))));
    private static final List<IdempotencyRecord> KEYS = List.of(
            new IdempotencyRecord("req-ava-v01", "RecordViolation", "f".repeat(64), "anchors/ava/violations/v01",
                    T0.minus(Duration.ofDays(5)), "moderation",
                    Optional.of("{\"violation\":{\"violationId\":\"v01\"},\"standingAfter\":{\"score\":98}}")),
            new IdempotencyRecord("req-bo-profile", "UpsertAnchor", "e".repeat(64), "anchors/bo", T0.minus(Duration.ofDays(9)),
                    "back-office", Optional.of("{\"record\":{\"anchor\":{\"sellingRevocations\":0}}}")),
            // Kept before responses were (V11): a retry answers from the resource as it is now.
            new IdempotencyRecord("req-dee-profile", "UpsertAnchor", "d".repeat(64), "anchors/dee",
                    T0.minus(Duration.ofDays(20)), "anonymous", Optional.empty()));

    /** Migrates to V14, writes the histories as that version wrote them, then migrates to the latest version. */
    static void writeBeforeHeldSessionsThenMigrate() {
        database.migrateTo(BEFORE_HELD_SESSIONS);
        database.dsl().connection(connection -> {
            for (History history : HISTORIES) {
                writeAnchor(connection, history);
                for (RecordedViolation violation : history.violations) {
                    writeViolation(connection, violation);
                }
                for (ScoreEvent entry : history.ledger) {
                    writeLedgerEntry(connection, entry);
                }
            }
            for (IdempotencyRecord key : KEYS) {
                writeKeyAndAudit(connection, key);
            }
            writeOutboxRows(connection);
        });
        database.migrate();
    }

    @Test
    void everyAnchorReadsBackWithItsScoreAndFacts() {
        JooqAnchors anchors = new JooqAnchors(database.dsl());
        for (History history : HISTORIES) {
            AnchorRecord read = anchors.find(history.anchorId).orElseThrow();
            assertEquals(history.written(), withoutHeldSessions(read), history.anchorId.value());
            assertTrue(read.anchor().heldSessions().kept().size() <= HeldSessions.KEPT, history.anchorId.value());
        }
        assertEquals(HISTORIES.size(), database.dsl().fetchCount(ANCHORS));
    }

    @Test
    void eachCountedSessionIsHeldForTheSettlementWindowAfterItsLatestCountedViolation() {
        for (History history : HISTORIES) {
            Map<String, Instant> latestCounted = history.violations.stream()
                    .filter(violation -> violation.state() == ViolationState.ACTIVE)
                    .filter(violation -> violation.report().liveSessionId().isPresent())
                    .collect(Collectors.toMap(violation -> violation.report().liveSessionId().get(),
                            RecordedViolation::recordedAt, HeldSessions::longer, TreeMap::new));
            latestCounted.forEach((session, recordedAt) -> {
                Instant until = recordedAt.plus(SETTLEMENT);
                String what = history.anchorId.value() + " " + session;
                if (until.isAfter(NOW)) {
                    assertEquals(HeldSessions.Hold.HELD, holdOf(history.anchorId, session, NOW), what);
                    assertEquals(HeldSessions.Hold.HELD, holdOf(history.anchorId, session, until.minusMillis(1)), what);
                } else {
                    assertEquals(HeldSessions.Hold.NOT_HELD, holdOf(history.anchorId, session, NOW), what + " settled");
                }
                assertEquals(HeldSessions.Hold.NOT_HELD, holdOf(history.anchorId, session, until), what);
            });
        }
    }

    @Test
    void noSessionIsHeldWithoutACountedViolation() {
        for (History history : HISTORIES) {
            for (RecordedViolation violation : history.violations) {
                if (violation.state() != ViolationState.ACTIVE && violation.report().liveSessionId().isPresent()) {
                    String session = violation.report().liveSessionId().get();
                    assertEquals(HeldSessions.Hold.NOT_HELD, holdOf(history.anchorId, session, violation.recordedAt()),
                            history.anchorId.value() + " " + session + " " + violation.state());
                    assertEquals(HeldSessions.Hold.NOT_HELD, holdOf(history.anchorId, session, NOW), session);
                }
            }
        }
    }

    @Test
    void violationsLedgerAndKeysAreUnchanged() {
        JooqViolations violations = new JooqViolations(database.dsl());
        JooqLedger ledger = new JooqLedger(database.dsl());
        for (History history : HISTORIES) {
            assertEquals(history.violations, violations.listAll(history.anchorId), history.anchorId.value());
            assertEquals(history.ledger, ledger.ledgerOf(history.anchorId), history.anchorId.value());
        }
        assertEquals(HISTORIES.stream().mapToInt(history -> history.violations.size()).sum(),
                database.dsl().fetchCount(VIOLATIONS));
        assertEquals(HISTORIES.stream().mapToInt(history -> history.ledger.size()).sum(),
                database.dsl().fetchCount(SCORE_EVENTS));
        assertEquals(keysOfOtherMethods().size(), database.dsl().fetchCount(REQUEST_KEYS),
                "a violation's key moved onto the violation");
        assertEquals(KEYS.size(), database.dsl().fetchCount(AUDIT_TRAIL));
    }

    /** The changes V14 kept in its outbox stay in the feed, in order, the one it left unpositioned last. */
    @Test
    void theOutboxsChangesStayInTheFeed() {
        JooqStandingFeed feed = new JooqStandingFeed(database.dsl());
        assertEquals(3, feed.positionCommitted());
        assertEquals(List.of(new PositionedChange(1, OUTBOX.get(0)), new PositionedChange(2, OUTBOX.get(1)),
                new PositionedChange(3, OUTBOX.get(2))), feed.readAfter(0, 10).changes());
    }

    @Test
    void aRetryFindsItsKeptKeyAndFirstResponse() {
        JooqIdempotencyKeys keys = new JooqIdempotencyKeys(database.dsl());
        List<IdempotencyRecord> others = keysOfOtherMethods();
        for (IdempotencyRecord key : others) {
            assertEquals(Optional.of(key), keys.find(key.key()), key.requestId());
        }
        assertEquals(others.stream().collect(Collectors.toMap(IdempotencyRecord::key, Function.identity())),
                keys.findAll(KEYS.stream().map(IdempotencyRecord::key).toList()));
    }

    /** A RecordViolation key is its violation: found by caller and request id, its answer rebuilt as the violation is now. */
    @Test
    void aRetryOfARecordViolationFindsItsViolation() {
        JooqViolations violations = new JooqViolations(database.dsl());
        for (IdempotencyRecord key : KEYS) {
            if (key.operation().equals("RecordViolation")) {
                String violationId = key.resourceName().substring(key.resourceName().lastIndexOf('/') + 1);
                AnchorId anchorId = new AnchorId(key.resourceName().split("/")[1]);
                RecordedViolation violation = violations.find(anchorId, violationId).orElseThrow();
                assertEquals(Map.of(key.key(), new KeptViolation(violation, key.fingerprint(), Optional.empty())),
                        violations.recordedBy(List.of(key.key())), key.requestId());
            }
        }
    }

    private static List<IdempotencyRecord> keysOfOtherMethods() {
        return KEYS.stream().filter(key -> !key.operation().equals("RecordViolation")).toList();
    }

    /** What a capability check finds for {@code session} at {@code at}: the row, then the store where the row says so. */
    private static HeldSessions.Hold holdOf(AnchorId anchorId, String session, Instant at) {
        HeldSessions held = new JooqAnchors(database.dsl()).find(anchorId).orElseThrow().anchor().heldSessions();
        HeldSessions.Hold hold = held.holdOf(session, at);
        if (hold != HeldSessions.Hold.IN_STORE) {
            return hold;
        }
        return held.resolving(session, new JooqAnchorSessions(database.dsl()).heldUntil(anchorId, session))
                .holdOf(session, at);
    }

    private static AnchorRecord withoutHeldSessions(AnchorRecord record) {
        Anchor anchor = record.anchor();
        return new AnchorRecord(new Anchor(anchor.profile(), anchor.score(), anchor.sellingRevocations(),
                HeldSessions.NONE, anchor.cleanSince()), record.createdAt(), record.updatedAt());
    }

    /**
     * ava: sessions counted once and twice, one settled long ago, one overturned, one out of scope, a
     * violation without a session. bo: more sessions than the row keeps. cy: sessions long enough that
     * V7, on MySQL 8, kept only the first kilobyte of them on the row. dee: no violation.
     */
    private static List<History> histories() {
        History ava = new History("ava")
                .counted("ava-live-settled", T0.minus(Duration.ofDays(40)), false)
                .counted("ava-live-1", T0.minus(Duration.ofDays(5)), true)
                .counted("ava-live-2", T0.minus(Duration.ofDays(4)), false)
                .overturned("ava-live-overturned", T0.minus(Duration.ofDays(3)))
                .outOfScope("ava-live-out-of-scope", T0.minus(Duration.ofDays(3)))
                .counted("ava-live-1", T0.minus(Duration.ofDays(2)), false)
                .counted(null, T0.minus(Duration.ofDays(1)), true);
        History bo = new History("bo");
        for (int i = 1; i <= HeldSessions.KEPT + 4; i++) {
            bo.counted(String.format("bo-live-%02d", i), T0.minus(Duration.ofHours(HeldSessions.KEPT + 4 - i)), false);
        }
        History cy = new History("cy");
        for (int i = 1; i <= 9; i++) {
            cy.counted(String.format("cy-live-%02d-", i) + "x".repeat(108), T0.minus(Duration.ofHours(9 - i)), false);
        }
        cy.sessionsCutAt(GROUP_CONCAT_MAX_LEN);
        return List.of(ava, bo, cy, new History("dee"));
    }

    private static void writeAnchor(Connection connection, History history) throws SQLException {
        AnchorRecord record = history.written();
        AnchorProfile profile = record.profile();
        AnchorScore score = record.score();
        Anchor anchor = record.anchor();
        insert(connection, "anchors (anchor_id, display_name, certification, anchor_level, fan_count, average_viewers,"
                        + " guild_id, initial_score, score, ledger_seq, last_violation_at, created_at, updated_at,"
                        + " selling_revocations, violation_sessions, clean_since)",
                profile.anchorId().value(), profile.displayName(), profile.certification().name(), profile.level(),
                profile.fanCount(), profile.averageViewers(), profile.guildId().orElse(null), score.initialScore(),
                score.score(), score.ledgerSequence(), millis(score.lastViolationAt()), record.createdAt().toEpochMilli(),
                record.updatedAt().toEpochMilli(), anchor.sellingRevocations(), history.sessionsAsWritten,
                millis(anchor.cleanSince()));
    }

    private static void writeViolation(Connection connection, RecordedViolation violation) throws SQLException {
        ViolationReport report = violation.report();
        insert(connection, "violations (anchor_id, violation_id, request_id, violation_type, severity, revokes_selling,"
                        + " occurred_at, recorded_at, live_session_id, source, evidence_refs, base_points,"
                        + " surcharge_points, points, policy_version, state, no_deduction_reason, ledger_seq)",
                report.anchorId().value(), violation.violationId(), violation.requestId(), report.violationType(),
                violation.severity().name(), violation.revokesSelling(), report.occurredAt().toEpochMilli(),
                violation.recordedAt().toEpochMilli(), report.liveSessionId().orElse(null), report.source(),
                String.join("\n", report.evidenceRefs()), violation.basePoints(), violation.surchargePoints(),
                violation.points(), violation.policyVersion(), violation.state().name(),
                violation.noDeductionReason().orElse(null), violation.ledgerSequence());
    }

    private static void writeLedgerEntry(Connection connection, ScoreEvent entry) throws SQLException {
        insert(connection, "score_events (anchor_id, seq, kind, delta, score_after, violation_id, recorded_at, actor,"
                        + " reason)",
                entry.anchorId().value(), entry.sequence(), entry.kind().name(), entry.delta(), entry.scoreAfter(),
                entry.violationId().orElse(null), entry.recordedAt().toEpochMilli(), entry.actor(),
                entry.reason().orElse(null));
    }

    /** The first two positioned, as V14 left what its tailer had positioned, and the feed's counter past them. */
    private static void writeOutboxRows(Connection connection) throws SQLException {
        for (int i = 0; i < OUTBOX.size(); i++) {
            StandingChange change = OUTBOX.get(i);
            insert(connection, "standing_changes (change_id, anchor_id, anchor_seq, old_score, new_score, old_tier, new_tier,"
                            + " denied_capabilities, cause, violation_id, created_at, feed_position)",
                    change.changeId(), change.anchorId().value(), change.anchorSequence(), change.oldScore(),
                    change.newScore(), change.oldTier().name(), change.newTier().name(),
                    FeedSources.denied(change.deniedCapabilities()), change.cause().name(),
                    change.violationId().orElse(null), change.createdAt().toEpochMilli(), i < 2 ? (long) i + 1 : null);
        }
        try (PreparedStatement counter = connection.prepareStatement("UPDATE change_feeds SET last_position = 2")) {
            counter.executeUpdate();
        }
    }

    private static void writeKeyAndAudit(Connection connection, IdempotencyRecord key) throws SQLException {
        insert(connection, "request_keys (caller, operation, request_id, fingerprint, resource_name, created_at,"
                        + " first_response)",
                key.actor(), key.operation(), key.requestId(), key.fingerprint(), key.resourceName(),
                key.createdAt().toEpochMilli(), key.firstResponse().orElse(null));
        insert(connection, "audit_trail (actor, operation, request_id, resource_name, recorded_at)",
                key.actor(), key.operation(), key.requestId(), key.resourceName(), key.createdAt().toEpochMilli());
    }

    private static void insert(Connection connection, String tableAndColumns, Object... values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tableAndColumns + " VALUES ("
                + String.join(", ", Collections.nCopies(values.length, "?")) + ")")) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }

    private static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    /**
     * One anchor's violations and ledger, and its row as V14 kept it: the score folded from the
     * ledger, the facts of its counted violations, and their sessions, newline-separated in id order.
     */
    private static final class History {
        private static final int INITIAL_SCORE = 100;
        private static final int POINTS = 2;

        final AnchorId anchorId;
        final List<RecordedViolation> violations = new ArrayList<>();
        final List<ScoreEvent> ledger = new ArrayList<>();
        /** violation_sessions as written: null when no counted violation had a session. */
        String sessionsAsWritten;
        private final TreeSet<String> countedSessions = new TreeSet<>();
        private int score = INITIAL_SCORE;
        private int sellingRevocations;
        private Optional<Instant> lastViolationAt = Optional.empty();
        private Optional<Instant> cleanSince = Optional.empty();

        History(String id) {
            anchorId = new AnchorId(id);
            ledger.add(new ScoreEvent(anchorId, 1, ScoreEventKind.INITIAL, INITIAL_SCORE, INITIAL_SCORE,
                    Optional.empty(), Optional.empty(), created(), AnchorScore.SYSTEM_ACTOR));
        }

        History counted(String session, Instant recordedAt, boolean revokesSelling) {
            RecordedViolation violation = deducted(session, recordedAt, revokesSelling, ViolationState.ACTIVE);
            if (session != null) {
                countedSessions.add(session);
                sessionsAsWritten = String.join("\n", countedSessions);
            }
            sellingRevocations += revokesSelling ? 1 : 0;
            lastViolationAt = Optional.of(violation.report().occurredAt());
            cleanSince = Optional.of(recordedAt);
            return this;
        }

        History overturned(String session, Instant recordedAt) {
            RecordedViolation violation = deducted(session, recordedAt, true, ViolationState.OVERTURNED);
            score += POINTS;
            ledger.add(new ScoreEvent(anchorId, ledger.size() + 1, ScoreEventKind.RESTORATION, POINTS, score,
                    Optional.of(violation.violationId()), Optional.empty(), recordedAt.plus(Duration.ofHours(1)),
                    "moderator-3"));
            return this;
        }

        History outOfScope(String session, Instant recordedAt) {
            violation(session, recordedAt, false, ViolationState.OUT_OF_SCOPE, 0, Optional.of("outside the rollout"));
            return this;
        }

        /** violation_sessions as V7 moved them on MySQL 8: cut at {@code bytes} (these ids are ASCII). */
        void sessionsCutAt(int bytes) {
            sessionsAsWritten = sessionsAsWritten.substring(0, bytes);
        }

        /** The row as V14 kept it; it held no sessions of its own, only violation_sessions. */
        AnchorRecord written() {
            AnchorProfile profile = new AnchorProfile(anchorId, "Anchor " + anchorId.value(), Certification.NONE, 2,
                    120_000, 800, Optional.empty());
            AnchorScore projection = new AnchorScore(anchorId, INITIAL_SCORE, score, ledger.size(), lastViolationAt);
            return new AnchorRecord(new Anchor(profile, projection, sellingRevocations, HeldSessions.NONE, cleanSince),
                    created(), T0);
        }

        private RecordedViolation deducted(String session, Instant recordedAt, boolean revokesSelling,
                                           ViolationState state) {
            score -= POINTS;
            RecordedViolation violation = violation(session, recordedAt, revokesSelling, state, POINTS, Optional.empty());
            ledger.add(new ScoreEvent(anchorId, violation.ledgerSequence(), ScoreEventKind.DEDUCTION, -POINTS, score,
                    Optional.of(violation.violationId()), Optional.empty(), recordedAt, "moderation"));
            return violation;
        }

        private RecordedViolation violation(String session, Instant recordedAt, boolean revokesSelling,
                                            ViolationState state, int points, Optional<String> noDeductionReason) {
            String id = String.format("v%02d", violations.size() + 1);
            int sequence = points == 0 ? ledger.size() : ledger.size() + 1;
            RecordedViolation violation = new RecordedViolation(id, "req-" + anchorId.value() + "-" + id,
                    new ViolationReport(anchorId, "COUNTERFEIT_GOODS", recordedAt.minusMillis(500),
                            Optional.ofNullable(session), "moderation", List.of("clip://" + id, "chat://2 with spaces")),
                    Severity.MODERATE, revokesSelling, recordedAt, points, 0, points, 1, state, noDeductionReason,
                    sequence);
            violations.add(violation);
            return violation;
        }

        private static Instant created() {
            return T0.minus(Duration.ofDays(60));
        }
    }
}
