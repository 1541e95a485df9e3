package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.port.out.policy.ReplayHistories;
import com.anchorhealth.application.port.out.policy.ReplayHistory;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Replays every anchor's violations under a candidate policy and compares tiers with today's,
 * writing nothing. The caller's thread cuts the anchors into ranges of ids (one short read of the
 * ids' index each); the replayers read each range's anchors and histories in key order and score
 * them, several ranges at once, and the ranges' counts are added up in id order, so that the sample
 * is the first anchors that change tier, whatever range finishes first. An anchor is scored from its
 * violations' counts by severity where those decide the replay ({@link Replay#scoreFromCounts}: most
 * anchors), and its violations are read and folded one by one where they do not. Memory holds the
 * ranges in flight and the sample.
 */
@Singleton
public final class SimulatePolicy {
    public static final int MAX_SAMPLE = 1000;
    /** The executor the ranges are replayed on: one thread per core is all a fold can use. */
    public static final String REPLAYERS = "simulation-replayers";
    /**
     * Anchors in one range: three range reads, of them, their violations' counts and their kept entries,
     * and one of the violations of those whose counts do not decide their replay.
     */
    private static final int RANGE = 10_000;
    /** No score from the counts: the anchor's violations are read and replayed one by one. */
    private static final int NOT_COUNTED = -1;
    /** Ranges read or folded at once, or done and waiting for an earlier one: enough to keep every core busy. */
    static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors() + 1;

    private final ReplayHistories histories;
    private final PolicyBook policies;
    private final Clock clock;
    private final Executor replayers;
    private final int range;

    @Inject
    public SimulatePolicy(ReplayHistories histories, PolicyBook policies, Clock clock,
                          @Named(REPLAYERS) Executor replayers) {
        this(histories, policies, clock, replayers, RANGE);
    }

    /** With ranges of {@code range} anchors: a store's contract meets several ranges with a few thousand. */
    public SimulatePolicy(ReplayHistories histories, PolicyBook policies, Clock clock, Executor replayers,
                          int range) {
        this.histories = histories;
        this.policies = policies;
        this.clock = clock;
        this.replayers = replayers;
        this.range = range;
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
        Tally total = new Tally(sampleSize);
        ArrayDeque<CompletableFuture<Tally>> inFlight = new ArrayDeque<>();
        try {
            Optional<AnchorId> after = Optional.empty();
            do {
                Optional<AnchorId> last = histories.rangeEnd(after, range);
                if (inFlight.size() == IN_FLIGHT) {
                    total.add(await(inFlight.removeFirst()));
                }
                inFlight.addLast(replay(after, last, current, candidate, sampleSize));
                after = last;
            } while (after.isPresent());
            while (!inFlight.isEmpty()) {
                total.add(await(inFlight.removeFirst()));
            }
        } finally {
            inFlight.forEach(pending -> pending.cancel(false));
        }
        return total.report(current.version());
    }

    private CompletableFuture<Tally> replay(Optional<AnchorId> after, Optional<AnchorId> last, Policy current,
                                            Policy candidate, int sampleSize) {
        return CompletableFuture.supplyAsync(() -> {
            List<ReplayHistory> anchors = histories.range(after, last);
            int[] scores = new int[anchors.size()];
            List<AnchorId> notCounted = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                ReplayHistory anchor = anchors.get(i);
                OptionalInt counted = Replay.scoreFromCounts(candidate, anchor.profile(), anchor.counted(),
                        anchor.kept());
                scores[i] = counted.orElse(NOT_COUNTED);
                if (counted.isEmpty() && anchor.violationCount() > 0) {
                    notCounted.add(anchor.profile().anchorId());
                }
            }
            Map<AnchorId, List<ReplayedViolation>> violations = notCounted.isEmpty() ? Map.of()
                    : histories.violationsOf(notCounted);
            Tally tally = new Tally(sampleSize);
            for (int i = 0; i < scores.length; i++) {
                ReplayHistory anchor = anchors.get(i);
                int candidateScore = scores[i] != NOT_COUNTED ? scores[i] : Replay.scoreUnder(candidate,
                        anchor.profile(), violations.getOrDefault(anchor.profile().anchorId(), List.of()),
                        anchor.kept());
                tally.count(anchor, candidateScore, current, candidate);
            }
            return tally;
        }, replayers);
    }

    /** The range's tally; a store error of its replayer is thrown as it was, as one on this thread would be. */
    private static Tally await(CompletableFuture<Tally> range) {
        try {
            return range.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The running counts of one range, or of the whole simulation. */
    private static final class Tally {
        private final int sampleSize;
        private final Map<Tier, Long> currentTiers = zeroes();
        private final Map<Tier, Long> candidateTiers = zeroes();
        private final List<TierChange> sample = new ArrayList<>();
        private long changing;
        private long anchorsReplayed;
        private long violationsReplayed;

        Tally(int sampleSize) {
            this.sampleSize = sampleSize;
        }

        void count(ReplayHistory anchor, int candidateScore, Policy current, Policy candidate) {
            int currentScore = anchor.score();
            Tier currentTier = current.thresholds().tierFor(currentScore);
            Tier candidateTier = candidate.thresholds().tierFor(candidateScore);
            currentTiers.merge(currentTier, 1L, Long::sum);
            candidateTiers.merge(candidateTier, 1L, Long::sum);
            if (currentTier != candidateTier) {
                changing++;
                if (sample.size() < sampleSize) {
                    sample.add(new TierChange(anchor.profile().anchorId(), currentScore, currentTier, candidateScore,
                            candidateTier));
                }
            }
            anchorsReplayed++;
            violationsReplayed += anchor.violationCount();
        }

        /** Adds a later range's counts; its sample follows this one's, as far as the sample size goes. */
        void add(Tally later) {
            later.currentTiers.forEach((tier, count) -> currentTiers.merge(tier, count, Long::sum));
            later.candidateTiers.forEach((tier, count) -> candidateTiers.merge(tier, count, Long::sum));
            changing += later.changing;
            anchorsReplayed += later.anchorsReplayed;
            violationsReplayed += later.violationsReplayed;
            sample.addAll(later.sample.subList(0, Math.min(later.sample.size(), sampleSize - sample.size())));
        }

        Report report(long policyVersion) {
            return new Report(policyVersion, currentTiers, candidateTiers, changing, sample, anchorsReplayed,
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
