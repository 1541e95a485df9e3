package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.anchor.ProfileField;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.google.protobuf.FieldMask;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileMaskTest {

    @Test
    void pathsAreTheProfileFieldsNamesInAnchor() {
        assertEquals(Optional.of(EnumSet.allOf(ProfileField.class)), ProfileMask.parse(FieldMask.newBuilder()
                .addPaths("display_name").addPaths("certification").addPaths("level").addPaths("fan_count")
                .addPaths("average_viewers").addPaths("guild_id").build()));
        assertEquals(Optional.of(EnumSet.of(ProfileField.GUILD_ID)), ProfileMask.parse(FieldMask.newBuilder()
                .addPaths("guild_id").addPaths("guild_id").build()));
    }

    @Test
    void aMaskWithoutPathsIsNoMask() {
        assertEquals(Optional.empty(), ProfileMask.parse(FieldMask.getDefaultInstance()));
    }

    @Test
    void everyPathThatIsNoProfileFieldIsRefused() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> ProfileMask.parse(
                FieldMask.newBuilder().addPaths("standing").addPaths("level").addPaths("anchor.guild_id").build()));
        assertEquals(List.of("update_mask.paths", "update_mask.paths"),
                refused.violations().stream().map(FieldViolation::field).toList());
    }
}
