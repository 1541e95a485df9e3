package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Request keys of RecordViolation, which are the violations themselves: which are taken, and a
 * retry's answer, rebuilt from the violation and the facts it left (never from a stored copy).
 */
@Singleton
final class ViolationRetries {
    private final Violations violations;
    private final StandingReader standings;

    @Inject
    ViolationRetries(Violations violations, StandingReader standings) {
        this.violations = violations;
        this.standings = standings;
    }

    /** The keys of these requests that recorded a violation, each looked up once. */
    Map<IdempotencyRecord.Key, KeptViolation> taken(List<ViolationWriter.Request> requests) {
        return violations.recordedBy(requests.stream().map(request -> request.call().key()).distinct().toList());
    }

    /**
     * A retry of a committed call: its first answer, the violation as it was recorded and the standing
     * its facts gave then, whatever has happened since; other content under the same request id is
     * refused. A violation recorded before its facts were kept answers with its standing as read now.
     */
    ViolationWriter.ItemResult firstResponse(ViolationWriter.Request retry, KeptViolation first) {
        RecordedViolation violation = first.violation();
        if (!first.fingerprint().equals(retry.call().fingerprint())) {
            throw reused(retry.call(), AnchorNames.violation(violation.anchorId(), violation.violationId()));
        }
        RecordedViolation asRecorded = violation.state() == ViolationState.OVERTURNED
                ? violation.inState(ViolationState.ACTIVE) : violation;
        return new ViolationWriter.ItemResult(new ViolationView(asRecorded, first.factsAfter()
                .map(facts -> standings.asRecorded(violation, facts))
                .orElseGet(() -> standings.afterEach(violation.anchorId(), List.of(violation)).get(0))), null);
    }

    /** A key sent twice in one group: answered as the second of two calls in a row would be. */
    static ViolationWriter.ItemResult repeatOf(ViolationWriter.ItemResult first, ViolationWriter.Request firstRequest,
                                               IdempotentWrites.Call repeat) {
        if (!firstRequest.call().fingerprint().equals(repeat.fingerprint())) {
            throw reused(repeat, first.succeeded() ? AnchorNames.violation(first.violation().violation().anchorId(),
                    first.violation().violation().violationId()) : AnchorNames.anchor(firstRequest.command().anchorId()));
        }
        return first;
    }

    private static AlreadyExistsException reused(IdempotentWrites.Call call, String resource) {
        return AlreadyExistsException.requestIdReused(call.requestId(), call.operation(), resource);
    }
}
