package com.anchorhealth.application.command;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.domain.anchor.AnchorId;
import com.anchorhealth.domain.anchor.AnchorProfile;
import com.anchorhealth.domain.anchor.Certification;

import java.util.Optional;

/** Register an anchor or update its profile. Valid by construction. */
public record UpsertAnchorCommand(String requestId, AnchorProfile profile) {

    /** Validates raw request values; field names are the API's ({@code anchor.level}, ...). */
    public static UpsertAnchorCommand of(
            String requestId,
            String anchorId,
            String displayName,
            Certification certification,
            int level,
            long fanCount,
            long averageViewers,
            String guildId) {
        FieldChecks checks = new FieldChecks().requestId(requestId, "request_id");
        checks.check(FieldChecks.isText(displayName, AnchorProfile.MAX_DISPLAY_NAME_LENGTH), "anchor.display_name",
                "must be 1-" + AnchorProfile.MAX_DISPLAY_NAME_LENGTH + " characters, not blank, no control characters");
        AnchorId id = checks.build("anchor.", () -> new AnchorId(anchorId));
        AnchorProfile profile = id == null ? null : checks.build("anchor.", () -> new AnchorProfile(id, displayName,
                certification, level, fanCount, averageViewers,
                guildId == null || guildId.isEmpty() ? Optional.empty() : Optional.of(guildId)));
        checks.throwIfAny();
        return new UpsertAnchorCommand(requestId, profile);
    }

    /** What makes two calls with one request id the same call. */
    public String fingerprint() {
        return Fingerprint.of("UpsertAnchor", profile.anchorId().value(), profile.displayName(),
                profile.certification().name(), profile.level(), profile.fanCount(), profile.averageViewers(),
                profile.guildId().orElse(""));
    }
}
