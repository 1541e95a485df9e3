package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A retry of RecordViolation, whose key is the violation itself: its answer, rebuilt from the
 * violation and the facts it left (never from a stored copy).
 */
@Singleton
final class ViolationRetries {
    private final StandingReader standings;

    @Inject
    ViolationRetries(StandingReader standings) {
        this.standings = standings;
    }

    /**
     * A retry of a committed call: its first answer, the violation as it was recorded and the standing
     * its facts gave then, whatever has happened since; other content under the same request id is
     * refused. A violation recorded before its facts were kept answers with its standing as read now.
     */
    ViolationView firstResponse(ViolationWrite retry, KeptViolation first) {
        RecordedViolation violation = first.violation();
        if (!first.fingerprint().equals(retry.key().fingerprint())) {
            throw reused(retry.key(), AnchorNames.violation(violation.anchorId(), violation.violationId()));
        }
        RecordedViolation asRecorded = violation.state() == ViolationState.OVERTURNED
                ? violation.inState(ViolationState.ACTIVE) : violation;
        return new ViolationView(asRecorded, first.factsAfter()
                .map(facts -> standings.asRecorded(violation, facts))
                .orElseGet(() -> standings.afterEach(violation.anchorId(), List.of(violation)).get(0)));
    }

    private static AlreadyExistsException reused(IdempotentWrites.Call call, String resource) {
        return AlreadyExistsException.requestIdReused(call.requestId(), call.operation(), resource);
    }
}
