package com.anchorhealth.application.violation;

import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.violation.RecordedViolation;

/** A recorded violation with the anchor's standing right after it. */
public record ViolationView(RecordedViolation violation, Standing standingAfter) {
}
