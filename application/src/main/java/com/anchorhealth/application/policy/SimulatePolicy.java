package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Replays every anchor's violations under a candidate policy and compares tiers with today's,
 * writing nothing. Anchors stream from the store in pages, so memory holds one page and the sample.
 */
@Singleton
public final class SimulatePolicy {
    public static final int MAX_SAMPLE = 1000;
    /** Anchors whose violations are read in one round trip. */
    static final int CHUNK = 500;

    private final Anchors anchors;
    private final Violations violations;
    private final Ledger ledger;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public SimulatePolicy(Anchors anchors, Violations violations, Ledger ledger, PolicyBook policies, Clock clock) {
        this.anchors = anchors;
        this.violations = violations;
        this.ledger = ledger;
        this.policies = policies;
        this.clock = clock;
    }

    /** An anchor whose tier the candidate would change. */
    public record TierChange(AnchorId anchorId, int currentScore, Tier currentTier, int candidateScore,
                             Tier candidateTier) {
    }

    public record Report(long policyVersion, Map<Tier, Long> currentTiers, Map<Tier, Long> candidateTiers,
                         long anchorsChangingTier, List<TierChange> sample, long anchorsReplayed,
                         long violationsReplayed) {
    }

    public Report simulate(Policy candidate, int sampleSize) {
        new FieldChecks().policy(candidate, "policy.")
                .check(sampleSize >= 0 && sampleSize <= MAX_SAMPLE, "sample_size", "must be from 0 to " + MAX_SAMPLE)
                .throwIfAny();
        Policy current = policies.inForceAt(clock.instant());
        Tally tally = new Tally(current, candidate, sampleSize, violations, ledger);
        List<AnchorRecord> chunk = new ArrayList<>(CHUNK);
        anchors.forEach(record -> {
            chunk.add(record);
            if (chunk.size() == CHUNK) {
                tally.add(chunk);
                chunk.clear();
            }
        });
        tally.add(chunk);
        return tally.report();
    }

    /** The running counts of one simulation. */
    private static final class Tally {
        private final Policy current;
        private final Policy candidate;
        private final int sampleSize;
        private final Violations violations;
        private final Ledger ledger;
        private final Map<Tier, Long> currentTiers = zeroes();
        private final Map<Tier, Long> candidateTiers = zeroes();
        private final List<TierChange> sample = new ArrayList<>();
        private long changing;
        private long anchorsReplayed;
        private long violationsReplayed;

        Tally(Policy current, Policy candidate, int sampleSize, Violations violations, Ledger ledger) {
            this.current = current;
            this.candidate = candidate;
            this.sampleSize = sampleSize;
            this.violations = violations;
            this.ledger = ledger;
        }

        void add(List<AnchorRecord> records) {
            if (records.isEmpty()) {
                return;
            }
            List<AnchorId> ids = records.stream().map(record -> record.profile().anchorId()).toList();
            Map<AnchorId, List<RecordedViolation>> byAnchor = violations.listAllOf(ids);
            Map<AnchorId, List<ScoreEvent>> kept = ledger.entriesOf(ids, Replay.KEPT_KINDS);
            for (AnchorRecord record : records) {
                AnchorId anchorId = record.profile().anchorId();
                List<RecordedViolation> recorded = byAnchor.getOrDefault(anchorId, List.of());
                int currentScore = record.score().score();
                int candidateScore = Replay.scoreUnder(candidate, record.profile(), recorded,
                        kept.getOrDefault(anchorId, List.of()));
                Tier currentTier = current.thresholds().tierFor(currentScore);
                Tier candidateTier = candidate.thresholds().tierFor(candidateScore);
                currentTiers.merge(currentTier, 1L, Long::sum);
                candidateTiers.merge(candidateTier, 1L, Long::sum);
                if (currentTier != candidateTier) {
                    changing++;
                    if (sample.size() < sampleSize) {
                        sample.add(new TierChange(record.profile().anchorId(), currentScore, currentTier,
                                candidateScore, candidateTier));
                    }
                }
                anchorsReplayed++;
                violationsReplayed += recorded.size();
            }
        }

        Report report() {
            return new Report(current.version(), currentTiers, candidateTiers, changing, sample, anchorsReplayed,
                    violationsReplayed);
        }

        private static Map<Tier, Long> zeroes() {
            Map<Tier, Long> counts = new EnumMap<>(Tier.class);
            for (Tier tier : Tier.values()) {
                counts.put(tier, 0L);
            }
            return counts;
        }
    }
}
