package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.policy.SimulatePolicy;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.application.port.out.policy.ReplayHistories;
import com.anchorhealth.application.port.out.policy.ReplayHistory;
import com.anchorhealth.domain.policy.AudienceBand;
import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.PhaseSchedule;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RolloutStep;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SimulatePolicy over a randomized store, against each anchor's whole history read alone and
 * replayed: the streamed ranges, their histories, the anchors scored from their violations' counts
 * and those whose violations are read, and the sum of their counts in id order must answer exactly
 * that. Subclasses choose the engine.
 */
abstract class SimulationContract extends OneDatabaseContract {
    /** Several ranges of {@link #RANGE}, so that ranges meet and their samples follow each other. */
    private static final int ANCHOR_COUNT = 4_500;
    private static final int RANGE = 1_000;
    private static final String ID_CHARACTERS = "ABCXYZabcxyz0189._-";
    /** Around the default policy's trial (2023-09-07 to 2023-12-31), whose rollout scopes anchors by bucket. */
    private static final Instant FIRST_VIOLATION = Instant.parse("2023-08-01T00:00:00Z");
    /** After the default policy's rollout (every anchor in scope from 2023-10-31). */
    private static final Instant AFTER_ROLLOUT = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private JooqAnchors anchors;
    private JooqViolations violations;
    private JooqLedger ledger;
    private ExecutorService replayers;

    @BeforeEach
    void emptyTables() {
        var dsl = database.dsl();
        dsl.deleteFrom(SCORE_EVENTS).execute();
        dsl.deleteFrom(VIOLATIONS).execute();
        dsl.deleteFrom(ANCHORS).execute();
        anchors = new JooqAnchors(dsl);
        violations = new JooqViolations(dsl);
        ledger = new JooqLedger(dsl);
        replayers = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stopReplayers() {
        replayers.shutdownNow();
    }

    @Test
    void theStreamedFoldAnswersAsEachAnchorsWholeHistoryReplayedAlone() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        database.dsl().transaction(() -> store(random));   // one commit, without a call's deadline
        Policy current = DefaultPolicy.candidate().withVersion(1, DefaultPolicy.candidate().effectiveAt());
        PolicyBook book = new PolicyBook();
        book.load(List.of(current));
        ReadCounting histories = new ReadCounting(new JooqReplayHistories(database.dsl()));
        SimulatePolicy simulation = new SimulatePolicy(histories, book, Clock.fixed(NOW, ZoneOffset.UTC), replayers,
                RANGE);

        Map<AnchorRecord, List<RecordedViolation>> violationsAlone = new LinkedHashMap<>();
        Map<AnchorId, List<KeptEntry>> keptAlone = new HashMap<>();
        anchors.forEach(record -> {
            AnchorId anchorId = record.profile().anchorId();
            violationsAlone.put(record, violations.listAll(anchorId));
            keptAlone.put(anchorId, ledger.ledgerOf(anchorId).stream()
                    .filter(entry -> Replay.KEPT_KINDS.contains(entry.kind()))
                    .map(entry -> new KeptEntry(entry.recordedAt(), entry.delta())).toList());
        });
        for (Policy candidate : List.of(stricter(DefaultPolicy.candidate()), DefaultPolicy.candidate(),
                repricedAndRolledOutLater(DefaultPolicy.candidate()))) {
            for (int sampleSize : List.of(0, 7, SimulatePolicy.MAX_SAMPLE)) {
                SimulatePolicy.Report expected = replayedAlone(violationsAlone, keptAlone, current, candidate,
                        sampleSize);
                assertTrue(expected.anchorsChangingTier() > sampleSize || sampleSize == SimulatePolicy.MAX_SAMPLE
                        || candidate == DefaultPolicy.candidate(), "the sample is cut short (seed " + seed + ")");
                histories.anchorsRead.set(0);
                assertEquals(expected, simulation.simulate(candidate, sampleSize), "seed " + seed);
                long read = histories.anchorsRead.get();
                assertTrue(read > ANCHOR_COUNT / 10 && read < ANCHOR_COUNT - ANCHOR_COUNT / 10,
                        "both ways of scoring an anchor were taken: " + read + " of " + ANCHOR_COUNT
                                + " anchors' violations read one by one (seed " + seed + ")");
            }
        }
    }

    /** The store's histories, counting the anchors whose violations the simulation read one by one. */
    private static final class ReadCounting implements ReplayHistories {
        private final ReplayHistories store;
        private final AtomicLong anchorsRead = new AtomicLong();

        ReadCounting(ReplayHistories store) {
            this.store = store;
        }

        @Override
        public Optional<AnchorId> rangeEnd(Optional<AnchorId> after, int count) {
            return store.rangeEnd(after, count);
        }

        @Override
        public List<ReplayHistory> range(Optional<AnchorId> after, Optional<AnchorId> last) {
            return store.range(after, last);
        }

        @Override
        public Map<AnchorId, List<ReplayedViolation>> violationsOf(List<AnchorId> anchorIds) {
            anchorsRead.addAndGet(anchorIds.size());
            return store.violationsOf(anchorIds);
        }
    }

    @Test
    void anEmptyStoreReplaysNoAnchor() {
        PolicyBook book = new PolicyBook();
        book.load(List.of(DefaultPolicy.candidate().withVersion(1, DefaultPolicy.candidate().effectiveAt())));
        SimulatePolicy.Report report = new SimulatePolicy(new JooqReplayHistories(database.dsl()), book,
                Clock.fixed(NOW, ZoneOffset.UTC), replayers).simulate(stricter(DefaultPolicy.candidate()), 10);
        assertEquals(0, report.anchorsReplayed());
        assertEquals(zeroes(), report.candidateTiers());
        assertEquals(List.of(), report.sample());
    }

    /**
     * Anchors of random ids, profiles (levels, certifications, audiences) and scores; each with up to 8
     * violations (some overturned), recorded under one of three policy versions at their own prices (which
     * a replay does not read), and ledger entries of every kind, the kept ones among them at random
     * times, some before its violations. Half the histories begin around the default policy's trial, the
     * other half after its rollout, and of those only one in three has kept entries: the anchors a
     * simulation can score from their violations' counts.
     */
    private void store(SplittableRandom random) {
        TreeSet<String> ids = new TreeSet<>();
        while (ids.size() < ANCHOR_COUNT) {
            StringBuilder id = new StringBuilder();
            for (int length = 1 + random.nextInt(10); id.length() < length; ) {
                id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
            }
            ids.add(id.toString());
        }
        List<RecordedViolation> recorded = new ArrayList<>();
        for (String id : ids) {
            AnchorId anchorId = new AnchorId(id);
            AnchorProfile profile = new AnchorProfile(anchorId, "Anchor " + id,
                    random.nextInt(4) == 0 ? Certification.EXPERT : Certification.NONE, 1 + random.nextInt(4),
                    random.nextInt(3) == 0 ? random.nextLong(2_000_000) : 0, random.nextInt(20_000), Optional.empty());
            anchors.insert(new AnchorRecord(new Anchor(profile,
                    new AnchorScore(anchorId, 100, random.nextInt(121), 1, Optional.empty()), 0, HeldSessions.NONE,
                    Optional.empty()), NOW, NOW));
            int sequence = 0;
            ledger.append(new ScoreEvent(anchorId, ++sequence, ScoreEventKind.INITIAL, 100, 100, Optional.empty(),
                    FIRST_VIOLATION, "test"));
            boolean afterRollout = random.nextBoolean();
            boolean keeps = !afterRollout || random.nextInt(3) == 0;
            Instant at = afterRollout ? AFTER_ROLLOUT : FIRST_VIOLATION;
            for (int i = random.nextInt(9); i > 0; i--) {
                at = at.plus(Duration.ofHours(1 + random.nextInt(24 * 30)));
                String violationId = String.format("v%04d", 1000 - i);
                ViolationState state = random.nextInt(6) == 0 ? ViolationState.OVERTURNED : ViolationState.ACTIVE;
                int base = 1 + random.nextInt(8);
                int surcharge = random.nextInt(6);
                recorded.add(new RecordedViolation(violationId, "req-" + violationId, new ViolationReport(anchorId,
                        "HARASSMENT", at.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 3))), Optional.empty(),
                        "moderation", List.of()), Severity.values()[random.nextInt(Severity.values().length)], false,
                        at, base, surcharge, base + surcharge, 1 + random.nextInt(3), state, Optional.empty(),
                        sequence + 1));
                ledger.append(new ScoreEvent(anchorId, ++sequence, ScoreEventKind.DEDUCTION, -(base + surcharge),
                        97, Optional.of(violationId), at, "test"));
                if (keeps && random.nextInt(4) == 0) {
                    ledger.append(new ScoreEvent(anchorId, ++sequence, ScoreEventKind.RECOVERY, 1 + random.nextInt(3),
                            100, Optional.empty(), at.plus(Duration.ofMinutes(random.nextInt(3) - 1)), "recovery"));
                }
            }
            if (keeps && random.nextInt(5) == 0) {
                ledger.append(new ScoreEvent(anchorId, ++sequence, ScoreEventKind.ADJUSTMENT, random.nextInt(41) - 20,
                        100, Optional.empty(), Optional.of("correction"),
                        FIRST_VIOLATION.plus(Duration.ofDays(random.nextInt(400))), "ops"));
            }
        }
        violations.insertAll(recorded);
    }

    /**
     * The simulation as each anchor's own reads give it, anchor by anchor in id order: its violations,
     * and its ledger's entries of the kept kinds.
     */
    private static SimulatePolicy.Report replayedAlone(Map<AnchorRecord, List<RecordedViolation>> violationsAlone,
                                                       Map<AnchorId, List<KeptEntry>> keptAlone, Policy current,
                                                       Policy candidate, int sampleSize) {
        Map<Tier, Long> currentTiers = zeroes();
        Map<Tier, Long> candidateTiers = zeroes();
        List<SimulatePolicy.TierChange> sample = new ArrayList<>();
        long[] counts = new long[3];
        violationsAlone.forEach((record, all) -> {
            AnchorId anchorId = record.profile().anchorId();
            int candidateScore = Replay.scoreUnder(candidate, record.profile(), all.stream()
                    .map(v -> new ReplayedViolation(v.recordedAt(), v.report().occurredAt(), v.severity(),
                            v.state() == ViolationState.OVERTURNED)).toList(), keptAlone.get(anchorId));
            int currentScore = record.score().score();
            Tier currentTier = current.thresholds().tierFor(currentScore);
            Tier candidateTier = candidate.thresholds().tierFor(candidateScore);
            currentTiers.merge(currentTier, 1L, Long::sum);
            candidateTiers.merge(candidateTier, 1L, Long::sum);
            if (currentTier != candidateTier && counts[0]++ < sampleSize) {
                sample.add(new SimulatePolicy.TierChange(anchorId, currentScore, currentTier, candidateScore,
                        candidateTier));
            }
            counts[1]++;
            counts[2] += all.size();
        });
        return new SimulatePolicy.Report(current.version(), currentTiers, candidateTiers, counts[0], sample, counts[1],
                counts[2]);
    }

    private static Map<Tier, Long> zeroes() {
        Map<Tier, Long> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0L);
        }
        return counts;
    }

    /**
     * Other points by severity and level, other surcharges, and a trial from the default rollout's end
     * with half the anchors in scope until a year after it.
     */
    private static Policy repricedAndRolledOutLater(Policy policy) {
        Map<Severity, List<Integer>> rows = new EnumMap<>(Severity.class);
        policy.deductions().rows().forEach((severity, points) ->
                rows.put(severity, points.stream().map(p -> 9 - p).toList()));
        List<AudienceBand> surcharges = policy.audienceSurcharges().stream()
                .map(band -> new AudienceBand(6 - band.points(), band.minFans(), band.minAverageViewers())).toList();
        Instant trialStart = policy.phases().rollout().get(policy.phases().rollout().size() - 1).from();
        PhaseSchedule phases = new PhaseSchedule(trialStart, policy.phases().enforcedFrom(),
                policy.phases().timeZone(), List.of(new RolloutStep(trialStart, 50),
                new RolloutStep(trialStart.plus(Duration.ofDays(365)), 100)));
        return new Policy(0, policy.effectiveAt(), policy.initialScore(), policy.certifiedInitialScore(),
                policy.violationTypes(), new DeductionMatrix(rows), surcharges, new Thresholds(70, 50, 20),
                policy.tierSanctions(), phases, policy.trafficSupportCleanDays(), policy.warningMargin(),
                policy.appealWindowDays(), policy.sessionSettlementDays(), policy.guildRules(), policy.recovery());
    }

    /** Doubled points (at most 8, the most a policy allows), and restrictions from 80 down. */
    private static Policy stricter(Policy policy) {
        Map<Severity, List<Integer>> rows = new EnumMap<>(Severity.class);
        policy.deductions().rows().forEach((severity, points) ->
                rows.put(severity, points.stream().map(p -> Math.min(8, p * 2)).toList()));
        return new Policy(0, policy.effectiveAt(), policy.initialScore(), policy.certifiedInitialScore(),
                policy.violationTypes(), new DeductionMatrix(rows), policy.audienceSurcharges(),
                new Thresholds(80, 65, 1), policy.tierSanctions(), policy.phases(), policy.trafficSupportCleanDays(),
                policy.warningMargin(), policy.appealWindowDays(), policy.sessionSettlementDays(),
                policy.guildRules(), policy.recovery());
    }
}
