package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Duration;
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
     * How far apart two instances' clocks may be: violations recorded on one may be ordered before
     * those recorded on another by up to this much. An overturn reads back this much further.
     */
    private static final Duration RECORDING_SKEW = Duration.ofHours(1);

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
     * The ledger sequence from which {@link #overturn} replays, given the tail of the ledger read from
     * {@code from} on ({@code from} is first the entry before the violation overturned): lower when a
     * violation recorded at or before {@code from} was overturned only after it, since the entries up
     * to {@code from} then still count that violation's deduction. {@code restoredInTail} holds the
     * ledger sequence of each violation a RESTORATION entry of the tail restores. A caller reads the
     * tail from the answer and asks again until the answer stays put: every entry up to it then
     * leaves out each violation overturned by then, so the replay reads nothing older.
     */
    public static int overturnReplaysFrom(int from, Collection<Integer> restoredInTail) {
        int start = from;
        for (int restored : restoredInTail) {
            if (restored <= from) {
                start = Math.min(start, restored - 1);
            }
        }
        return Math.max(1, start);
    }

    /**
     * Whether {@code newest}, the anchor's latest violations in recording order (each in its state now,
     * {@code overturned} among them as overturned), hold every violation that overturning it depends
     * on. The facts it leaves come from this anchor's, less its own part: only where it was the latest
     * counted violation (by recording, or by occurrence), or its live session is still held, does the
     * overturn need the latest counted violation, or the latest counted one of that session. Older
     * violations were recorded before the oldest of {@code newest} (less {@link #RECORDING_SKEW}), so
     * none of them is later than one found, nor holds a session once that time's hold has closed.
     * False while what is needed was not found: the caller reads further back, or has read them all.
     */
    public boolean overturnSeesEnough(RecordedViolation overturned, List<RecordedViolation> newest, Policy policy,
                                      Instant now) {
        Optional<Instant> oldest = newest.stream().map(RecordedViolation::recordedAt).min(Instant::compareTo);
        if (oldest.isEmpty()) {
            return true;
        }
        Instant olderRecordedBefore = oldest.get().plus(RECORDING_SKEW);
        LatestCounted without = LatestCounted.among(overturned, newest);
        return (!changesCleanTime(overturned) || without.recorded()
                        .filter(latest -> !olderRecordedBefore.isAfter(latest)).isPresent())
                && (!changesLastViolation(overturned) || without.occurred()
                        .filter(latest -> !olderRecordedBefore.isAfter(latest)).isPresent())
                && (!changesHold(overturned, now) || !policy.sessionHeldUntil(olderRecordedBefore).isAfter(now)
                        || without.recordedInSession().filter(latest -> !olderRecordedBefore.isAfter(latest))
                        .isPresent());
    }

    /**
     * Overturns {@code overturned} (a violation that counted until now): a RESTORATION entry that
     * takes the score to the replay of the ledger without any overturned violation (see
     * {@link AnchorScore#restore}), and the facts without it. {@code ledgerTail}: the ledger from
     * {@link #overturnReplaysFrom} on, whose RESTORATION entries name every other overturned violation
     * it holds a deduction of; {@code without}: the anchor's other violations' latest times (from its
     * latest violations where {@link #overturnSeesEnough}). The history before either is never read.
     */
    public Change overturn(RecordedViolation overturned, List<ScoreEvent> ledgerTail, LatestCounted without,
                           Policy policy, Instant now, String actor) {
        Set<String> excluded = new HashSet<>();
        excluded.add(overturned.violationId());
        for (ScoreEvent entry : ledgerTail) {
            if (entry.kind() == ScoreEventKind.RESTORATION) {
                entry.violationId().ifPresent(excluded::add);
            }
        }
        Optional<Instant> lastCounted = changesLastViolation(overturned) ? without.occurred() : score.lastViolationAt();
        AnchorScore.Appended restored = score.restore(ledgerTail, excluded, overturned.violationId(), lastCounted, now,
                actor);
        Anchor after = new Anchor(profile, restored.after(),
                sellingRevocations - (overturned.revokesSelling() ? 1 : 0), heldSessions,
                changesCleanTime(overturned) ? without.recorded() : cleanSince, spill);
        if (changesHold(overturned, now)) {
            after = after.holdingAgain(overturned.report().liveSessionId().orElseThrow(),
                    without.recordedInSession().map(policy::sessionHeldUntil), now);
        }
        return new Change(this, restored.entry(), after);
    }

    private boolean changesCleanTime(RecordedViolation overturned) {
        return cleanSince.filter(latest -> !overturned.recordedAt().isBefore(latest)).isPresent();
    }

    private boolean changesLastViolation(RecordedViolation overturned) {
        return score.lastViolationAt().filter(latest -> !overturned.report().occurredAt().isBefore(latest))
                .isPresent();
    }

    private boolean changesHold(RecordedViolation overturned, Instant now) {
        return overturned.report().liveSessionId()
                .filter(session -> heldSessions.holdOf(session, now) != HeldSessions.Hold.NOT_HELD).isPresent();
    }

    /**
     * {@code session} held until {@code until} now that a violation of it no longer counts (not at all
     * when empty or closed): its hold is replaced, and the store forgets what it kept of the session.
     */
    private Anchor holdingAgain(String session, Optional<Instant> until, Instant now) {
        Map<String, Instant> holds = new HashMap<>(heldSessions.kept());
        holds.remove(session);
        until.ifPresent(hold -> holds.put(session, hold));
        HeldSessions.Kept kept = HeldSessions.keeping(holds, heldSessions.spilledUntil(), now);
        SessionSpill respilled = new SessionSpill(kept.pushedOff(), Set.of(session),
                heldSessions.spilledUntil().isPresent() || !kept.pushedOff().isEmpty());
        return new Anchor(profile, score, sellingRevocations, kept.sessions(), cleanSince, spill.then(respilled));
    }

    /** A change to the score alone: the facts stay. */
    private Anchor withScore(AnchorScore newScore) {
        return new Anchor(profile, newScore, sellingRevocations, heldSessions, cleanSince, spill);
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
