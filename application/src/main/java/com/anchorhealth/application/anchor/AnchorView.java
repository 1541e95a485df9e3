package com.anchorhealth.application.anchor;

import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.domain.sanction.Standing;

import java.time.Instant;

/** An anchor as callers see it: the stored profile and its standing. */
public record AnchorView(AnchorRecord record, Standing standing) {
    /** The anchor as {@code record} holds it, standing under the policy in force {@code at}. */
    public static AnchorView at(AnchorRecord record, StandingReader standings, Instant at) {
        return new AnchorView(record, standings.current(record, at));
    }
}
