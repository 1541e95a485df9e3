package com.anchorhealth.application.standing;

import com.anchorhealth.application.anchor.AdjustScoreCommand;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static com.anchorhealth.application.fixtures.Ports.ANY_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitSignalTest {
    private final CommitSignal signal = new CommitSignal();

    @Test
    void aCommitWakesAWaiterLongBeforeItsTimeout() throws Exception {
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            try {
                return signal.await(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        signal.committed();

        assertTrue(woken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void commitsWhileNobodyWaitsEndTheNextWaitAtOnceAndOnlyThatOne() throws InterruptedException {
        signal.committed();
        signal.committed();

        assertTrue(signal.await(Duration.ZERO));
        assertFalse(signal.await(Duration.ofMillis(50)), "both commits were consumed by the first wait");
    }

    @Test
    void aRecordedViolationAndAnAdjustmentSignalTheirCommitAndARefusedViolationDoesNot() throws InterruptedException {
        Ports ports = Ports.enforced();
        ports.given(StoredAnchors.anchor("anchor-1").level(3).fans(150_000).score(42, 5).record());

        assertThrows(NotFoundException.class,
                () -> ports.recordViolation().record(ViolationRequest.valid().anchorId("anchor-404").command(), ACTOR));
        assertFalse(ports.commits.await(Duration.ZERO), "nothing was committed");

        ports.recordViolation().record(ViolationRequest.valid().command(), ACTOR);
        assertTrue(ports.commits.await(Duration.ZERO), "the violation's commit");

        GroupCommit.await(ports.adjustScore().adjust(AdjustScoreCommand.of("adj-1", new AnchorId("anchor-1"), -5,
                "chargeback fraud"), ACTOR, ANY_DEADLINE));
        assertTrue(ports.commits.await(Duration.ZERO), "the adjustment's commit");
    }
}
