package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.policy.Policy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** Publish a candidate policy. Valid by construction: every problem of the candidate is reported. */
public record PublishPolicyCommand(String requestId, Policy candidate, Optional<Instant> effectiveAt) {

    public PublishPolicyCommand {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
    }

    public static PublishPolicyCommand of(String requestId, Policy candidate, Optional<Instant> effectiveAt) {
        new FieldChecks().requestId(requestId, "request_id").policy(candidate, "policy.").throwIfAny();
        return new PublishPolicyCommand(requestId, candidate,
                effectiveAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS)));
    }

    /** What makes two calls with one request id the same call, given the candidate's document. */
    public String fingerprint(String candidateDocument) {
        return Fingerprint.of("PublishPolicy", candidateDocument, effectiveAt.map(Instant::toString).orElse("now"));
    }
}
