package com.anchorhealth.domain.score;

import com.anchorhealth.domain.policy.Deduction;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Rollout;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of an anchor's score: the projection of its ledger fold. Commands return what
 * happened (the new entries and state) and never mutate; the application stores the result.
 */
public record AnchorScore(
        AnchorId anchorId, int initialScore, int score, int ledgerSequence, Optional<Instant> lastViolationAt) {

    public static final String SYSTEM_ACTOR = "system";

    public AnchorScore {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(lastViolationAt, "lastViolationAt");
    }

    /** Opens the ledger of a new anchor at its initial score. */
    public static Opened open(AnchorProfile profile, Policy policy, Instant at, String actor) {
        int initial = policy.initialScoreFor(profile.certification());
        ScoreEvent entry = new ScoreEvent(profile.anchorId(), 1, ScoreEventKind.INITIAL, initial, initial,
                Optional.empty(), at, actor);
        return new Opened(new AnchorScore(profile.anchorId(), initial, initial, 1, Optional.empty()), entry);
    }

    /**
     * Prices a violation under the policy and the profile in force now and deducts it, unless the
     * rollout did not cover the anchor when the violation happened: then it is recorded for nothing.
     */
    public ViolationRecorded recordViolation(
            ViolationReport report,
            ViolationType type,
            AnchorProfile profile,
            Policy policy,
            String violationId,
            String requestId,
            Instant now,
            String actor) {
        Deduction deduction = policy.deductionFor(type, profile);
        Rollout rollout = policy.phases().rolloutAt(anchorId, report.occurredAt());
        if (!rollout.inScope()) {
            RecordedViolation violation = new RecordedViolation(violationId, requestId, report, type.severity(),
                    type.revokesSelling(), now, deduction.basePoints(), deduction.surchargePoints(), 0,
                    policy.version(), ViolationState.OUT_OF_SCOPE,
                    Optional.of(outOfScopeReason(policy, report.occurredAt())), ledgerSequence);
            return new ViolationRecorded(violation, Optional.empty(), this, this);
        }
        int points = deduction.total();
        int sequence = ledgerSequence + 1;
        int after = ScoreFold.clamp(score - points, initialScore);
        ScoreEvent entry = new ScoreEvent(anchorId, sequence, ScoreEventKind.DEDUCTION, -points, after,
                Optional.of(violationId), now, actor);
        RecordedViolation violation = new RecordedViolation(violationId, requestId, report, type.severity(),
                type.revokesSelling(), now, deduction.basePoints(), deduction.surchargePoints(), points,
                policy.version(), ViolationState.ACTIVE, Optional.empty(), sequence);
        Instant latest = lastViolationAt.filter(last -> last.isAfter(report.occurredAt()))
                .orElse(report.occurredAt());
        AnchorScore next = new AnchorScore(anchorId, initialScore, after, sequence, Optional.of(latest));
        return new ViolationRecorded(violation, Optional.of(entry), this, next);
    }

    /**
     * Overturns a violation: a RESTORATION entry whose delta takes the score to the fold without
     * every overturned violation, so the plain fold of the ledger equals that replay.
     * {@code overturned} holds the anchor's overturned violation ids, this one included; {@code ledger}
     * is the whole ledger or its tail from the entry before the earliest of them (see
     * {@link ScoreFold#foldExcludingFrom}); {@code lastCounted} is the latest occurrence among the
     * violations that still count.
     */
    public Appended restore(List<ScoreEvent> ledger, Set<String> overturned, String violationId,
                            Optional<Instant> lastCounted, Instant now, String actor) {
        int replayed = ScoreFold.foldExcludingFrom(initialScore, ledger, overturned).score();
        int sequence = ledgerSequence + 1;
        ScoreEvent entry = new ScoreEvent(anchorId, sequence, ScoreEventKind.RESTORATION, replayed - score, replayed,
                Optional.of(violationId), now, actor);
        return new Appended(entry, new AnchorScore(anchorId, initialScore, replayed, sequence, lastCounted));
    }

    /** A ledger entry appended to the score, and the projection after it. */
    public record Appended(ScoreEvent entry, AnchorScore after) {
    }

    /** A recovery credit of {@code points}, up to the initial score; empty when at the ceiling already. */
    public Optional<Appended> recover(int points, Instant now, String actor) {
        int after = Math.min(initialScore, score + points);
        if (points <= 0 || after == score) {
            return Optional.empty();
        }
        int sequence = ledgerSequence + 1;
        ScoreEvent entry = new ScoreEvent(anchorId, sequence, ScoreEventKind.RECOVERY, after - score, after,
                Optional.empty(), now, actor);
        return Optional.of(new Appended(entry, new AnchorScore(anchorId, initialScore, after, sequence,
                lastViolationAt)));
    }

    /**
     * An admin's correction: an ADJUSTMENT entry of the delta asked for, clamped like every entry
     * (so a replay that leaves out an overturned violation applies the correction as asked), written
     * even where the clamp leaves the score as it was, since the correction and its reason belong in
     * the audit trail. The clean time and the violation facts stay.
     */
    public Appended adjust(ScoreAdjustment adjustment, Instant now, String actor) {
        int sequence = ledgerSequence + 1;
        int after = ScoreFold.clamp(score + adjustment.delta(), initialScore);
        ScoreEvent entry = new ScoreEvent(anchorId, sequence, ScoreEventKind.ADJUSTMENT, adjustment.delta(), after,
                Optional.empty(), Optional.of(adjustment.reason()), now, actor);
        return new Appended(entry, new AnchorScore(anchorId, initialScore, after, sequence, lastViolationAt));
    }

    private static String outOfScopeReason(Policy policy, Instant occurredAt) {
        if (occurredAt.isBefore(policy.phases().trialStart())) {
            return "occurred before the trial started at " + policy.phases().trialStart();
        }
        return "anchor not yet in the rollout scope when it occurred ("
                + policy.phases().percentInScopeAt(occurredAt) + "% of anchors in scope then)";
    }

    public record Opened(AnchorScore score, ScoreEvent initialEntry) {
    }

    /** The outcome of recording a violation; {@code deduction} is empty when nothing was deducted. */
    public record ViolationRecorded(
            RecordedViolation violation, Optional<ScoreEvent> deduction, AnchorScore before, AnchorScore after) {
    }
}
