package com.anchorhealth.application.anchor;

import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.domain.sanction.Standing;

/** An anchor as callers see it: the stored profile and its standing. */
public record AnchorView(AnchorRecord record, Standing standing) {
}
