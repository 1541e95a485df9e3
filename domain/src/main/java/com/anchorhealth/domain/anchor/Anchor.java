package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The anchor, root of every change to its standing: the profile, the projection of its ledger, and
 * the facts a capability check reads beyond the score, kept as they change (so a write never
 * re-reads the anchor's history): how many counted violations revoke selling, the live sessions
 * holding a counted violation, and since when it has been clean as far as recovery is concerned (the
 * time its latest counted violation was recorded; a backdated report earns no clean time).
 * Commands return the change they make and never mutate.
 */
public record Anchor(
        AnchorProfile profile,
        AnchorScore score,
        int sellingRevocations,
        Set<String> violationSessions,
        Optional<Instant> cleanSince) {

    public Anchor {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(cleanSince, "cleanSince");
        violationSessions = Set.copyOf(violationSessions);
    }

    /** A newly registered anchor: its opened ledger and no violation. */
    public static Anchor registered(AnchorProfile profile, AnchorScore opened) {
        return new Anchor(profile, opened, 0, Set.of(), Optional.empty());
    }

    public AnchorId anchorId() {
        return profile.anchorId();
    }

    /** What the sanction rules read. */
    public StandingFacts facts() {
        return new StandingFacts(score.score(), score.initialScore(), score.lastViolationAt(), sellingRevocations > 0,
                violationSessions);
    }

    /** Whether any answer of a capability check may differ between the two: what the feed must carry. */
    public boolean checksDifferFrom(Anchor other) {
        return !facts().equals(other.facts());
    }

    public Standing standingAt(Policy policy, Instant at) {
        return Standing.evaluate(policy, anchorId(), facts(), at);
    }

    public Anchor withProfile(AnchorProfile newProfile) {
        return new Anchor(newProfile, score, sellingRevocations, violationSessions, cleanSince);
    }

    /** A change to the score alone (a recovery credit): the facts stay. */
    public Anchor withScore(AnchorScore newScore) {
        return new Anchor(profile, newScore, sellingRevocations, violationSessions, cleanSince);
    }

    /**
     * The anchor with {@code newScore} and the facts of exactly these counted violations: after an
     * overturn, which takes a violation out of every fact.
     */
    public Anchor withFactsOf(AnchorScore newScore, Collection<RecordedViolation> counted) {
        int revocations = 0;
        Set<String> sessions = new HashSet<>();
        Instant latestRecorded = null;
        for (RecordedViolation violation : counted) {
            if (!violation.counts()) {
                continue;
            }
            revocations += violation.revokesSelling() ? 1 : 0;
            violation.report().liveSessionId().ifPresent(sessions::add);
            if (latestRecorded == null || violation.recordedAt().isAfter(latestRecorded)) {
                latestRecorded = violation.recordedAt();
            }
        }
        return new Anchor(profile, newScore, revocations, sessions, Optional.ofNullable(latestRecorded));
    }

    /**
     * Prices and records a violation under the policy in force now (see
     * {@link AnchorScore#recordViolation}); a counted one also adds to the facts.
     */
    public ViolationChange recordViolation(ViolationReport report, ViolationType type, Policy policy,
                                           String violationId, String requestId, Instant now, String actor) {
        AnchorScore.ViolationRecorded recorded = score.recordViolation(report, type, profile, policy, violationId,
                requestId, now, actor);
        RecordedViolation violation = recorded.violation();
        Anchor after = withScore(recorded.after());
        if (violation.counts()) {
            Set<String> sessions = violationSessions;
            if (report.liveSessionId().isPresent() && !sessions.contains(report.liveSessionId().get())) {
                sessions = new HashSet<>(sessions);
                sessions.add(report.liveSessionId().get());
            }
            after = new Anchor(profile, recorded.after(), sellingRevocations + (violation.revokesSelling() ? 1 : 0),
                    sessions, Optional.of(now));
        }
        return new ViolationChange(violation, recorded.deduction(), this, after, standingAt(policy, now),
                after.standingAt(policy, now));
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
