package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;

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
        AnchorId id = checks.build("anchor.", () -> new AnchorId(anchorId));
        // Each profile field is checked on its own: the profile's constructor stops at the first bad one.
        checks.check(FieldChecks.isText(displayName, AnchorProfile.MAX_DISPLAY_NAME_LENGTH), "anchor.display_name",
                "must be 1-" + AnchorProfile.MAX_DISPLAY_NAME_LENGTH + " characters, not blank, no control characters");
        checks.check(level >= AnchorProfile.MIN_LEVEL && level <= AnchorProfile.MAX_LEVEL, "anchor.level",
                "must be from " + AnchorProfile.MIN_LEVEL + " to " + AnchorProfile.MAX_LEVEL);
        checks.check(fanCount >= 0, "anchor.fan_count", "must not be negative");
        checks.check(averageViewers >= 0, "anchor.average_viewers", "must not be negative");
        Optional<String> guild = guildId == null || guildId.isEmpty() ? Optional.empty() : Optional.of(guildId);
        checks.check(guild.map(AnchorId::isValid).orElse(true), "anchor.guild_id",
                "must be 1-64 characters of [A-Za-z0-9._-]");
        checks.throwIfAny();
        // Whatever the profile would refuse has been reported above; a rule it adds still fails loudly.
        return new UpsertAnchorCommand(requestId, new AnchorProfile(id, displayName, certification, level, fanCount,
                averageViewers, guild));
    }

    /** What makes two calls with one request id the same call. */
    public String fingerprint() {
        return Fingerprint.of("UpsertAnchor", profile.anchorId().value(), profile.displayName(),
                profile.certification().name(), profile.level(), profile.fanCount(), profile.averageViewers(),
                profile.guildId().orElse(""));
    }
}
