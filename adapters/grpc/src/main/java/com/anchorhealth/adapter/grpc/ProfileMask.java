package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.anchor.ProfileField;
import com.anchorhealth.application.error.FieldChecks;
import com.google.protobuf.FieldMask;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * UpsertAnchor's {@code update_mask}: paths are the profile fields' names in {@code Anchor}
 * ({@code display_name}, {@code guild_id}, ...). A mask without paths is no mask (JSON cannot tell
 * them apart).
 */
final class ProfileMask {
    private static final String SUPPORTED = Arrays.stream(ProfileField.values()).map(ProfileMask::path)
            .collect(Collectors.joining(", "));

    private ProfileMask() {
    }

    static Optional<Set<ProfileField>> parse(FieldMask mask) {
        if (mask.getPathsCount() == 0) {
            return Optional.empty();
        }
        Set<ProfileField> fields = EnumSet.noneOf(ProfileField.class);
        FieldChecks checks = new FieldChecks();
        for (String path : mask.getPathsList()) {
            Optional<ProfileField> field = Arrays.stream(ProfileField.values())
                    .filter(candidate -> path(candidate).equals(path)).findFirst();
            field.ifPresent(fields::add);
            checks.check(field.isPresent(), "update_mask.paths", "cannot write '" + GrpcErrors.shortened(path)
                    + "'; the profile's fields are " + SUPPORTED);
        }
        checks.throwIfAny();
        return Optional.of(fields);
    }

    private static String path(ProfileField field) {
        return field.name().toLowerCase(Locale.ROOT);
    }
}
