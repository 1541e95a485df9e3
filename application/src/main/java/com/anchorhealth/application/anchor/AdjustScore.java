package com.anchorhealth.application.anchor;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.LedgerWrites;
import com.anchorhealth.domain.anchor.Anchor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An admin's manual correction of a score: the ADJUSTMENT ledger entry with its reason, the new
 * projection and the standing change in one transaction, like every other score change. Idempotent
 * on the request id: a retry adds nothing and returns the anchor as it is now.
 */
@Singleton
public final class AdjustScore {
    static final String OPERATION = "AdjustScore";

    private final IdempotentWrites writes;
    private final Anchors anchors;
    private final LedgerWrites ledgerWrites;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    public AdjustScore(IdempotentWrites writes, Anchors anchors, LedgerWrites ledgerWrites,
                       StandingReader standings, Clock clock) {
        this.writes = writes;
        this.anchors = anchors;
        this.ledgerWrites = ledgerWrites;
        this.standings = standings;
        this.clock = clock;
    }

    public AnchorView adjust(AdjustScoreCommand command, String actor, Deadline deadline) {
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                command.fingerprint());
        IdempotentWrites.Outcome<AnchorView> outcome = writes.writeAndTell(call, deadline, AnchorView.class,
                () -> anchors.lock(command.anchorId()), found -> {
            AnchorRecord locked = found
                    .orElseThrow(() -> new NotFoundException("Anchor", AnchorNames.anchor(command.anchorId())));
            Instant now = clock.instant();
            Anchor.Change adjusted = locked.anchor().adjust(command.adjustment(), now, actor);
            ledgerWrites.append(adjusted, now, ChangeCause.SCORE_ADJUSTED, Optional.empty());
            return new IdempotentWrites.Done<>(viewOf(new AnchorRecord(adjusted.after(), locked.createdAt(), now), now),
                    AnchorNames.scoreEvent(command.anchorId(), adjusted.entry().sequence()));
        }, resourceName -> viewOf(anchors.find(command.anchorId()).orElseThrow(), clock.instant()));
        if (outcome.firstTime()) {
            ledgerWrites.publish(outcome.result().record().anchor());
        }
        return outcome.result();
    }

    private AnchorView viewOf(AnchorRecord record, Instant at) {
        return new AnchorView(record, standings.current(record, at));
    }
}
