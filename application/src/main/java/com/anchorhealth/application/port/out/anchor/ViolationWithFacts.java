package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.util.Objects;
import java.util.Optional;

/**
 * A violation as its row keeps it: with the standing facts right after it was recorded (none for a
 * violation recorded before they were kept).
 */
public record ViolationWithFacts(RecordedViolation violation, Optional<StandingFacts> factsAfter) {
    public ViolationWithFacts {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(factsAfter, "factsAfter");
    }
}
