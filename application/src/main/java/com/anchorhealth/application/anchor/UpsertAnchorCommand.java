package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.ProfileUpdate;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Register an anchor or update its profile: the fields the call writes, each valid; the others keep
 * their value (nothing is cleared by omission), and whether an update mask named them. Valid by
 * construction.
 */
public record UpsertAnchorCommand(String requestId, ProfileUpdate update, boolean withMask) {
    public UpsertAnchorCommand {
        Objects.requireNonNull(update, "update");
    }

    /**
     * Without an update mask: every field is written when set (an empty name, a level of 0,
     * {@code certification} null, a count of 0 or an empty guild id is not set) and kept when not, so
     * that a profile sync that leaves out the guild keeps the membership. A registration still needs
     * the name and the level. Field names are the API's ({@code anchor.level}, ...).
     */
    public static UpsertAnchorCommand of(String requestId, String anchorId, String displayName,
                                         Certification certification, int level, long fanCount, long averageViewers,
                                         String guildId) {
        Set<ProfileField> set = EnumSet.noneOf(ProfileField.class);
        if (displayName != null && !displayName.isEmpty()) {
            set.add(ProfileField.DISPLAY_NAME);
        }
        if (level != 0) {
            set.add(ProfileField.LEVEL);
        }
        if (certification != null) {
            set.add(ProfileField.CERTIFICATION);
        }
        if (fanCount != 0) {
            set.add(ProfileField.FAN_COUNT);
        }
        if (averageViewers != 0) {
            set.add(ProfileField.AVERAGE_VIEWERS);
        }
        if (guildId != null && !guildId.isEmpty()) {
            set.add(ProfileField.GUILD_ID);
        }
        return new UpsertAnchorCommand(requestId, written(requestId, anchorId, displayName, certification, level,
                fanCount, averageViewers, guildId, set), false);
    }

    /**
     * With an update mask: exactly the fields it names are written, even when empty (an empty guild
     * id releases the anchor from its guild, a null certification is NONE); the others are ignored.
     */
    public static UpsertAnchorCommand masked(String requestId, String anchorId, String displayName,
                                             Certification certification, int level, long fanCount,
                                             long averageViewers, String guildId, Set<ProfileField> mask) {
        return new UpsertAnchorCommand(requestId, written(requestId, anchorId, displayName, certification, level,
                fanCount, averageViewers, guildId, mask), true);
    }

    /** The fields {@code mask} names, each checked. */
    private static ProfileUpdate written(String requestId, String anchorId, String displayName,
                                         Certification certification, int level, long fanCount,
                                         long averageViewers, String guildId, Set<ProfileField> mask) {
        FieldChecks checks = new FieldChecks().requestId(requestId, "request_id");
        AnchorId id = checks.build("anchor.", () -> new AnchorId(anchorId));
        // Each written field is checked on its own: the profile's constructor stops at the first bad one.
        Optional<String> guild = guildId == null || guildId.isEmpty() ? Optional.empty() : Optional.of(guildId);
        checks.check(!mask.contains(ProfileField.DISPLAY_NAME)
                        || FieldChecks.isText(displayName, AnchorProfile.MAX_DISPLAY_NAME_LENGTH), "anchor.display_name",
                        "must be 1-" + AnchorProfile.MAX_DISPLAY_NAME_LENGTH
                                + " characters, not blank, no control characters")
                .check(!mask.contains(ProfileField.LEVEL)
                                || level >= AnchorProfile.MIN_LEVEL && level <= AnchorProfile.MAX_LEVEL, "anchor.level",
                        "must be from " + AnchorProfile.MIN_LEVEL + " to " + AnchorProfile.MAX_LEVEL)
                .check(!mask.contains(ProfileField.FAN_COUNT) || fanCount >= 0, "anchor.fan_count",
                        "must not be negative")
                .check(!mask.contains(ProfileField.AVERAGE_VIEWERS) || averageViewers >= 0, "anchor.average_viewers",
                        "must not be negative")
                .check(!mask.contains(ProfileField.GUILD_ID) || guild.map(AnchorId::isValid).orElse(true),
                        "anchor.guild_id", "must be 1-64 characters of [A-Za-z0-9._-]")
                .throwIfAny();
        return new ProfileUpdate(id,
                written(mask, ProfileField.DISPLAY_NAME, displayName),
                written(mask, ProfileField.CERTIFICATION, certification == null ? Certification.NONE : certification),
                written(mask, ProfileField.LEVEL, level),
                written(mask, ProfileField.FAN_COUNT, fanCount),
                written(mask, ProfileField.AVERAGE_VIEWERS, averageViewers),
                written(mask, ProfileField.GUILD_ID, new ProfileUpdate.Membership(guild)));
    }

    private static <T> Optional<T> written(Set<ProfileField> mask, ProfileField field, T value) {
        return mask.contains(field) ? Optional.of(value) : Optional.empty();
    }

    /**
     * The profile fields other than the membership that the call writes, by their API names
     * ({@code anchor.level}): those are the platform's sync's and its staff's, not a guild's.
     */
    public List<String> writtenProfileFields() {
        Map<String, Optional<?>> fields = new LinkedHashMap<>();
        fields.put("anchor.display_name", update.displayName());
        fields.put("anchor.certification", update.certification());
        fields.put("anchor.level", update.level());
        fields.put("anchor.fan_count", update.fanCount());
        fields.put("anchor.average_viewers", update.averageViewers());
        return fields.entrySet().stream().filter(field -> field.getValue().isPresent()).map(Map.Entry::getKey).toList();
    }

    /** Whether the call writes the guild membership, which needs the role of the guild calls. */
    public boolean writesMembership() {
        return update.writesMembership();
    }

    /**
     * What makes two calls with one request id the same call: the fields written and their values,
     * each spelled {@code Optional[value]} or {@code Optional.empty} as keys have held it since update
     * masks came (spelled here, so that no class's {@code toString} can change it).
     */
    public String fingerprint() {
        return Fingerprint.of(UpsertAnchor.OPERATION, update.anchorId().value(), spelled(update.displayName()),
                spelled(update.certification().map(Certification::name)), spelled(update.level()),
                spelled(update.fanCount()), spelled(update.averageViewers()),
                spelled(update.membership().map(membership -> "Membership[guildId="
                        + spelled(membership.guildId()) + "]")));
    }

    /**
     * The same call as keys kept before update masks hold it (every field written, the guild empty
     * when none): a retry of such a key is this call. None with a mask or without a name or a level,
     * which no such key can hold.
     */
    public Set<String> earlierFingerprints() {
        if (withMask || update.displayName().isEmpty() || update.level().isEmpty()) {
            return Set.of();
        }
        return Set.of(Fingerprint.of(UpsertAnchor.OPERATION, update.anchorId().value(), update.displayName().get(),
                update.certification().orElse(Certification.NONE), update.level().get(), update.fanCount().orElse(0L),
                update.averageViewers().orElse(0L),
                update.membership().flatMap(ProfileUpdate.Membership::guildId).orElse("")));
    }

    private static String spelled(Optional<?> field) {
        return field.map(value -> "Optional[" + value + "]").orElse("Optional.empty");
    }
}
