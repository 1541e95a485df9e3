package com.anchorhealth.application.appeal;

import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.sanction.Standing;

/** An appeal with the anchor's standing after it was filed or decided. */
public record AppealView(Appeal appeal, Standing standingAfter) {
}
