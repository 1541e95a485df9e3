package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.anchor.AnchorRecord;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Optional;
import java.util.Set;

/**
 * One caller's change to one anchor, as {@link AnchorWriter} writes it: a violation, a registration
 * or a profile, an adjustment, a recovery credit, an appeal and its decision. The writer locks the
 * anchor (and the guilds the change names) for a whole group of them, reads their keys under those
 * locks, applies each to the anchor as the requests before it in the group left it, writes the group
 * in one transaction and publishes it once committed.
 *
 * @param <T> the caller's answer
 */
public interface AnchorWrite<T> {
    AnchorId anchorId();

    /** Its request key; empty for a change nobody calls for (a scheduled recovery), which has no retries. */
    Optional<IdempotentWrites.Call> call();

    /**
     * The guilds whose rows the change may write, given its anchor as locked (empty when there is no such
     * anchor yet): the writer locks them after every anchor of the group and in id order, as every writer
     * does, so that no two wait for each other. May read, under the anchor's lock.
     */
    Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms);

    /**
     * The change, applied to {@code anchor} as the group has left it: the answer, and what the writer
     * writes (the ledger entry, the anchor's new state, the standing change). Rows of its own (an appeal,
     * a recovery credit, a guild's charge) it writes itself, in the group's transaction, after every
     * check: a refusal ({@link com.anchorhealth.application.error.ApplicationException}) must come before
     * any write, since the rest of the group commits.
     */
    Applied<T> apply(Optional<AnchorRecord> anchor, WriteTerms terms);

    /** A retry's answer, where its key was kept: the first call's answer; other content under the key is refused. */
    Optional<T> firstAnswer(KeptKeys kept);

    /** Whether the request's key is the violation it records (read with the group's others in one statement). */
    default boolean keyIsItsViolation() {
        return false;
    }
}
