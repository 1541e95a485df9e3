package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.util.Objects;
import java.util.Optional;

/**
 * A violation found by the request key of the call that recorded it: the fingerprint of that call's
 * content, and the standing facts right after it, from which its first response is rebuilt (none for
 * a violation recorded before they were kept).
 */
public record KeptViolation(RecordedViolation violation, String fingerprint, Optional<StandingFacts> factsAfter) {
    public KeptViolation {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(factsAfter, "factsAfter");
    }
}
