package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.violation.RecordedViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Request keys of RecordViolation: which are taken, a retry's answer, and the key a new violation leaves. */
@Singleton
final class ViolationRetries {
    private final IdempotentWrites writes;
    private final Violations violations;
    private final StandingReader standings;

    @Inject
    ViolationRetries(IdempotentWrites writes, Violations violations, StandingReader standings) {
        this.writes = writes;
        this.violations = violations;
        this.standings = standings;
    }

    /** The keys of these requests that are taken, each looked up once. */
    Map<IdempotencyRecord.Key, IdempotencyRecord> taken(List<ViolationWriter.Request> requests) {
        return writes.taken(requests.stream().map(request -> request.call().key()).distinct().toList());
    }

    /** A retry of a committed call: its first answer; other content under the same request id is refused. */
    ViolationWriter.ItemResult firstResponse(ViolationWriter.Request retry, IdempotencyRecord first) {
        return new ViolationWriter.ItemResult(writes.firstResponse(retry.call(), first, ViolationView.class,
                name -> asNow(retry.command(), name)), null);
    }

    /** A key sent twice in one group: answered as the second of two calls in a row would be. */
    static ViolationWriter.ItemResult repeatOf(ViolationWriter.ItemResult first, ViolationWriter.Request firstRequest,
                                               IdempotentWrites.Call repeat) {
        if (!firstRequest.call().fingerprint().equals(repeat.fingerprint())) {
            String resource = first.succeeded() ? AnchorNames.violation(first.violation().violation().anchorId(),
                    first.violation().violation().violationId()) : AnchorNames.anchor(firstRequest.command().anchorId());
            throw new AlreadyExistsException(AlreadyExistsException.REQUEST_ID_REUSED, resource,
                    "request_id " + repeat.requestId() + " was already used by a different "
                            + ViolationWriter.OPERATION + " call");
        }
        return first;
    }

    /** The key a new violation leaves, with its answer for every retry. */
    IdempotencyRecord key(ViolationWriter.Request request, ViolationView answer) {
        return writes.key(request.call(), AnchorNames.violation(request.command().anchorId(),
                answer.violation().violationId()), answer);
    }

    /** A retry of a key kept without its response: the violation as it is now and the standing right after it. */
    private ViolationView asNow(RecordViolationCommand command, String resourceName) {
        String violationId = resourceName.substring(resourceName.lastIndexOf('/') + 1);
        RecordedViolation violation = violations.find(command.anchorId(), violationId).orElseThrow(() ->
                new IllegalStateException("idempotency key names a missing violation " + resourceName));
        return new ViolationView(violation, standings.afterEach(command.anchorId(), List.of(violation)).get(0));
    }
}
