package com.anchorhealth.application.anchor;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeyedChange;
import com.anchorhealth.application.write.StandingChanges;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An admin's manual correction of a score: the ADJUSTMENT ledger entry with its reason, the new
 * projection and the standing change, written by the one writer of anchor changes like every other
 * score change. Idempotent on the request id: a retry adds nothing and answers as the first call did.
 */
@Singleton
public final class AdjustScore {
    static final String OPERATION = "AdjustScore";

    private final GroupCommit writes;
    private final GetAnchor getAnchor;
    private final StandingChanges standingChanges;
    private final StandingReader standings;

    @Inject
    public AdjustScore(GroupCommit writes, GetAnchor getAnchor, StandingChanges standingChanges,
                       StandingReader standings) {
        this.writes = writes;
        this.getAnchor = getAnchor;
        this.standingChanges = standingChanges;
        this.standings = standings;
    }

    /** The anchor as the adjustment left it, once committed. */
    public CompletableFuture<AnchorView> adjust(AdjustScoreCommand command, String actor, Deadline deadline) {
        return writes.submit(new Adjustment(command, actor), deadline);
    }

    private final class Adjustment extends KeyedChange<AnchorView> {
        private final AdjustScoreCommand command;
        private final String actor;

        Adjustment(AdjustScoreCommand command, String actor) {
            super(command.anchorId(), new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                    command.fingerprint()), AnchorView.class);
            this.command = command;
            this.actor = actor;
        }

        @Override
        public Applied<AnchorView> apply(Optional<AnchorRecord> anchor, WriteTerms terms) {
            AnchorRecord locked = anchor
                    .orElseThrow(() -> new NotFoundException("Anchor", AnchorNames.anchor(command.anchorId())));
            Anchor.Change adjusted = locked.anchor().adjust(command.adjustment(), terms.now(), actor);
            AnchorRecord after = new AnchorRecord(adjusted.after(), locked.createdAt(), terms.now());
            return Applied.ofChange(AnchorView.at(after, standings, terms.now()),
                    AnchorNames.scoreEvent(command.anchorId(), adjusted.entry().sequence()), adjusted,
                    standingChanges.changeOf(adjusted, terms, ChangeCause.SCORE_ADJUSTED, Optional.empty()));
        }

        @Override
        protected AnchorView keptWithoutResponse(String resourceName) {
            return getAnchor.get(Scope.EVERY_GUILD, command.anchorId(), Optional.empty());
        }
    }
}
