package com.anchorhealth.application.write;

import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A single change to an anchor's ledger, written in the caller's transaction with what follows from
 * it, through the write that a group of violations takes ({@link AnchorChanges}): the entry, the
 * projection on the anchor's row, and the standing change, kept on the entry and positioned in the
 * feed. The standing index learns it only once the caller has committed, so that a check never sees
 * a change that rolled back.
 */
@Singleton
public final class LedgerWrites {
    private final Anchors anchors;
    private final AnchorChanges changes;
    private final StandingChanges standingChanges;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final CommitSignal commits;

    @Inject
    public LedgerWrites(Anchors anchors, AnchorChanges changes, StandingChanges standingChanges, PolicyBook policies,
                        StandingIndex index, CommitSignal commits) {
        this.anchors = anchors;
        this.changes = changes;
        this.standingChanges = standingChanges;
        this.policies = policies;
        this.index = index;
        this.commits = commits;
    }

    /** Registers an anchor at its initial score: its row, the INITIAL entry, and its whole standing as new. */
    public AnchorRecord open(AnchorProfile profile, Instant now, String actor) {
        Policy policy = policies.inForceAt(now);
        Anchor.Registered registered = Anchor.register(profile, policy, now, actor);
        AnchorRecord record = new AnchorRecord(registered.anchor(), now, now);
        anchors.insert(record);
        changes.write(new AnchorChanges.Written(List.of(), List.of(registered.initialEntry()), List.of(),
                standingChanges.changeOf(Optional.empty(), record.anchor(), policy, now, ChangeCause.ANCHOR_REGISTERED,
                        Optional.empty()).stream().toList()), now);
        return record;
    }

    /** Writes {@code change}, a command's result on the locked anchor. */
    public void append(Anchor.Change change, Instant now, ChangeCause cause, Optional<String> violationId) {
        changes.write(new AnchorChanges.Written(List.of(), List.of(change.entry()), List.of(change.after()),
                standingChanges.changeOf(Optional.of(change.before()), change.after(), policies.inForceAt(now), now,
                        cause, violationId).stream().toList()), now);
    }

    /** Call after commit: checks see the anchor as committed, and the feed's relay wakes for its change. */
    public void publish(Anchor committed) {
        index.publish(committed.anchorId(), committed.score().ledgerSequence(), committed.facts());
        commits.committed();
    }
}
