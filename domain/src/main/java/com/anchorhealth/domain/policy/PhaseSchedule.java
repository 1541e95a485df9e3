package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Trial, rollout and enforcement. During the trial points are deducted but nothing is enforced;
 * from {@code enforcedFrom} sanctions apply to every anchor in scope, with the trial scores carried over.
 */
public record PhaseSchedule(Instant trialStart, Instant enforcedFrom, String timeZone, List<RolloutStep> rollout) {
    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;

    public PhaseSchedule {
        Objects.requireNonNull(trialStart, "trialStart");
        Objects.requireNonNull(enforcedFrom, "enforcedFrom");
        Objects.requireNonNull(timeZone, "timeZone");
        rollout = List.copyOf(rollout);
    }

    public Rollout rolloutAt(AnchorId anchorId, Instant at) {
        return rolloutOfBucket(bucketOf(anchorId), at);
    }

    /** The rollout at an instant of the anchors of a bucket ({@link #bucketOf}). */
    public Rollout rolloutOfBucket(int bucket, Instant at) {
        if (at.isBefore(trialStart) || bucket >= percentInScopeAt(at)) {
            return Rollout.OUT_OF_SCOPE;
        }
        return at.isBefore(enforcedFrom) ? Rollout.IN_SCOPE : Rollout.ENFORCED;
    }

    /**
     * Whether the anchor is in scope at {@code from} and at every instant after it. Its scope can change
     * only where the trial or a rollout step begins, so the steps that begin after {@code from} are all
     * there is to check; a valid schedule's scope never shrinks, but this does not rely on it.
     */
    public boolean inScopeFrom(AnchorId anchorId, Instant from) {
        if (!rolloutAt(anchorId, from).inScope()) {
            return false;
        }
        for (RolloutStep step : rollout) {
            if (step.from().isAfter(from) && !rolloutAt(anchorId, step.from()).inScope()) {
                return false;
            }
        }
        return true;
    }

    /** The share of anchors in scope at an instant: the latest step that has begun, 0 before the first. */
    public int percentInScopeAt(Instant at) {
        int percent = 0;
        Instant latestStart = null;
        for (int i = 0; i < rollout.size(); i++) {   // by index: every check asks, and an iterator is an object
            RolloutStep step = rollout.get(i);
            boolean begun = !step.from().isAfter(at);
            if (begun && (latestStart == null || !step.from().isBefore(latestStart))) {
                latestStart = step.from();
                percent = step.percent();
            }
        }
        return percent;
    }

    /**
     * A stable bucket 0-99 from the FNV-1a hash of the id's UTF-8 bytes, so that an anchor, once in
     * scope, stays in scope as the percentage grows, on every server and after every restart. An id's
     * characters are ASCII, each its own UTF-8 byte: they are hashed as they are, with no copy.
     */
    public static int bucketOf(AnchorId anchorId) {
        String id = anchorId.value();
        int hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < id.length(); i++) {
            hash = fnvStep(hash, id.charAt(i));
        }
        return Integer.remainderUnsigned(hash, 100);
    }

    /** The bucket of the id with these bytes, those of a valid {@link AnchorId}. */
    public static int bucketOf(byte[] anchorId) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : anchorId) {
            hash = fnvStep(hash, b);
        }
        return Integer.remainderUnsigned(hash, 100);
    }

    private static int fnvStep(int hash, int octet) {
        return (hash ^ octet) * 0x01000193;
    }
}
