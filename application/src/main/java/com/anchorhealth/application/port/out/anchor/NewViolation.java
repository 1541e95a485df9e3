package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.util.Objects;

/**
 * A violation to write with the request key of the call that recorded it (its caller and the
 * fingerprint of its content) and the standing facts right after it: the row is the key, the audit
 * entry and, rebuilt, the answer to every retry.
 */
public record NewViolation(RecordedViolation violation, String caller, String fingerprint, StandingFacts factsAfter) {
    public NewViolation {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(factsAfter, "factsAfter");
    }
}
