package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The anchor, root of every change to its standing: the profile, the projection of its ledger, and
 * the facts a capability check reads beyond the score, kept as they change (so a write never
 * re-reads the anchor's history): how many counted violations revoke selling, the live sessions whose
 * income a counted violation holds (bounded: see {@link HeldSessions}), and since when it has been
 * clean as far as recovery is concerned (the time its latest counted violation was recorded; a
 * backdated report earns no clean time). {@code spill} is what a change did to the sessions kept off
 * the row, for the write that stores it; an anchor as read has none.
 * Commands return the change they make and never mutate.
 */
public record Anchor(
        AnchorProfile profile,
        AnchorScore score,
        int sellingRevocations,
        HeldSessions heldSessions,
        Optional<Instant> cleanSince,
        SessionSpill spill) {

    public Anchor {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(heldSessions, "heldSessions");
        Objects.requireNonNull(cleanSince, "cleanSince");
        Objects.requireNonNull(spill, "spill");
    }

    /** An anchor as stored: nothing left to spill. */
    public Anchor(AnchorProfile profile, AnchorScore score, int sellingRevocations, HeldSessions heldSessions,
                  Optional<Instant> cleanSince) {
        this(profile, score, sellingRevocations, heldSessions, cleanSince, SessionSpill.NONE);
    }

    /**
     * Registers an anchor at the initial score its certification earns under {@code policy}: the
     * anchor, with no violation, and the INITIAL entry that opens its ledger.
     */
    public static Registered register(AnchorProfile profile, Policy policy, Instant now, String actor) {
        AnchorScore.Opened opened = AnchorScore.open(profile, policy, now, actor);
        return new Registered(new Anchor(profile, opened.score(), 0, HeldSessions.NONE, Optional.empty()),
                opened.initialEntry());
    }

    public AnchorId anchorId() {
        return profile.anchorId();
    }

    /** What the sanction rules read. */
    public StandingFacts facts() {
        return new StandingFacts(score.score(), score.initialScore(), score.lastViolationAt(), sellingRevocations > 0,
                heldSessions);
    }

    /** Whether any answer of a capability check may differ between the two: what the feed must carry. */
    public boolean checksDifferFrom(Anchor other) {
        return !facts().equals(other.facts());
    }

    public Standing standingAt(Policy policy, Instant at) {
        return Standing.evaluate(policy, anchorId(), facts(), at);
    }

    /** A new profile: the ledger and the facts stay. */
    public Anchor withProfile(AnchorProfile newProfile) {
        return new Anchor(newProfile, score, sellingRevocations, heldSessions, cleanSince, spill);
    }

    /**
     * An admin's correction of the score (see {@link AnchorScore#adjust}); the violation facts and the
     * clean time stay.
     */
    public Change adjust(ScoreAdjustment adjustment, Instant now, String actor) {
        AnchorScore.Appended adjusted = score.adjust(adjustment, now, actor);
        return new Change(this, adjusted.entry(), withScore(adjusted.after()));
    }

    /**
     * A recovery credit of {@code points}, up to the initial score (see {@link AnchorScore#recover});
     * empty when there is nothing to credit. The violation facts and the clean time stay.
     */
    public Optional<Change> recover(int points, Instant now, String actor) {
        return score.recover(points, now, actor).map(credit -> new Change(this, credit.entry(),
                withScore(credit.after())));
    }

    /**
     * The ledger sequence from which {@link #overturn} replays: the entry before the earliest of the
     * anchor's overturned violations, {@code overturning} included, so that a caller reads that tail of
     * the ledger and never the whole of it. {@code violations}: all of the anchor's.
     */
    public static int overturnReplaysFrom(Collection<RecordedViolation> violations, RecordedViolation overturning) {
        int earliest = overturning.ledgerSequence();
        for (RecordedViolation violation : violations) {
            if (violation.state() == ViolationState.OVERTURNED) {
                earliest = Math.min(earliest, violation.ledgerSequence());
            }
        }
        return Math.max(1, earliest - 1);
    }

    /**
     * Overturns {@code violationId}: a RESTORATION entry that takes the score to the replay of the
     * ledger without any overturned violation (see {@link AnchorScore#restore}), and the facts of the
     * violations that still count. {@code violations}: all of the anchor's, this one already marked
     * overturned; {@code ledgerTail}: the ledger from {@link #overturnReplaysFrom} on.
     */
    public Change overturn(String violationId, List<RecordedViolation> violations, List<ScoreEvent> ledgerTail,
                           Policy policy, Instant now, String actor) {
        Set<String> overturned = new HashSet<>();
        for (RecordedViolation violation : violations) {
            if (violation.state() == ViolationState.OVERTURNED) {
                overturned.add(violation.violationId());
            }
        }
        Optional<Instant> lastCounted = StandingFacts.of(0, score.initialScore(), violations).lastViolationAt();
        AnchorScore.Appended restored = score.restore(ledgerTail, overturned, violationId, lastCounted, now, actor);
        return new Change(this, restored.entry(), withFactsOf(restored.after(), violations, policy, now));
    }

    /** A change to the score alone: the facts stay. */
    private Anchor withScore(AnchorScore newScore) {
        return new Anchor(profile, newScore, sellingRevocations, heldSessions, cleanSince, spill);
    }

    /**
     * The anchor with {@code newScore} and the facts of exactly the counted ones of {@code violations}
     * (all of the anchor's): after an overturn, which takes a violation out of every fact. A session
     * held by none of them any more leaves the session store too.
     */
    private Anchor withFactsOf(AnchorScore newScore, Collection<RecordedViolation> violations, Policy policy,
                               Instant now) {
        int revocations = 0;
        Map<String, Instant> holds = new HashMap<>();
        Set<String> sessions = new HashSet<>();
        Instant latestRecorded = null;
        for (RecordedViolation violation : violations) {
            violation.report().liveSessionId().ifPresent(sessions::add);
            if (!violation.counts()) {
                continue;
            }
            revocations += violation.revokesSelling() ? 1 : 0;
            violation.report().liveSessionId().ifPresent(session -> holds.merge(session,
                    policy.sessionHeldUntil(violation.recordedAt()), HeldSessions::longer));
            if (latestRecorded == null || violation.recordedAt().isAfter(latestRecorded)) {
                latestRecorded = violation.recordedAt();
            }
        }
        HeldSessions.Kept kept = HeldSessions.keeping(holds, Optional.empty(), now);
        sessions.removeAll(kept.sessions().kept().keySet());
        sessions.removeAll(kept.pushedOff().keySet());
        SessionSpill rebuilt = new SessionSpill(kept.pushedOff(), sessions,
                heldSessions.spilledUntil().isPresent() || !kept.pushedOff().isEmpty());
        return new Anchor(profile, newScore, revocations, kept.sessions(), Optional.ofNullable(latestRecorded),
                spill.then(rebuilt));
    }

    /**
     * Prices and records a violation under the policy in force now (see
     * {@link AnchorScore#recordViolation}); a counted one also adds to the facts. Sessions whose
     * window has closed are dropped.
     */
    public ViolationChange recordViolation(ViolationReport report, ViolationType type, Policy policy,
                                           String violationId, String requestId, Instant now, String actor) {
        AnchorScore.ViolationRecorded recorded = score.recordViolation(report, type, profile, policy, violationId,
                requestId, now, actor);
        RecordedViolation violation = recorded.violation();
        boolean counted = violation.counts();
        HeldSessions.Kept kept = counted && report.liveSessionId().isPresent()
                ? heldSessions.holding(report.liveSessionId().get(), policy.sessionHeldUntil(now), now)
                : heldSessions.settledAt(now);
        Anchor after = new Anchor(profile, recorded.after(),
                sellingRevocations + (counted && violation.revokesSelling() ? 1 : 0), kept.sessions(),
                counted ? Optional.of(now) : cleanSince, spill.then(spillOf(kept)));
        return new ViolationChange(violation, recorded.deduction(), this, after, standingAt(policy, now),
                after.standingAt(policy, now));
    }

    /**
     * What keeping {@code kept} asks of the session store: its pushed-off sessions, and a prune when
     * the store grows or its last hold has closed.
     */
    private SessionSpill spillOf(HeldSessions.Kept kept) {
        boolean lastClosed = heldSessions.spilledUntil().isPresent() && kept.sessions().spilledUntil().isEmpty();
        return kept.pushedOff().isEmpty() && !lastClosed ? SessionSpill.NONE
                : new SessionSpill(kept.pushedOff(), Set.of(), true);
    }

    /** A newly registered anchor and the entry that opens its ledger. */
    public record Registered(Anchor anchor, ScoreEvent initialEntry) {
    }

    /** A ledger entry appended to the anchor: the anchor before it and after it. */
    public record Change(Anchor before, ScoreEvent entry, Anchor after) {
    }

    /**
     * What recording a violation did: the violation, its ledger entry (none when out of scope), the
     * anchor before and after, and the standings they give under the policy in force.
     */
    public record ViolationChange(RecordedViolation violation, Optional<ScoreEvent> entry, Anchor before,
                                  Anchor after, Standing standingBefore, Standing standingAfter) {
        /** Whether any answer of a capability check may differ: the feed must carry every such change. */
        public boolean changesChecks() {
            return after.checksDifferFrom(before);
        }
    }
}
