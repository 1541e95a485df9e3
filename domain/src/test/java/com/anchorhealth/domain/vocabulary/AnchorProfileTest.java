package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AnchorProfileTest {
    private static final AnchorId ID = new AnchorId("anchor-1");

    private static AnchorProfile profile(String displayName, int level, long fans, long viewers, String guild) {
        return new AnchorProfile(ID, displayName, Certification.NONE, level, fans, viewers, Optional.ofNullable(guild));
    }

    @ParameterizedTest(name = "level {0} is valid")
    @ValueSource(ints = {1, 2, 3, 4})
    void levelsOneToFourAreValid(int level) {
        assertEquals(level, profile("Anchor", level, 0, 0, null).level());
    }

    static Stream<Arguments> invalidProfiles() {
        return Stream.of(
                arguments("level 0", (Executable) () -> profile("Anchor", 0, 0, 0, null), "level"),
                arguments("level 5", (Executable) () -> profile("Anchor", 5, 0, 0, null), "level"),
                arguments("blank display name", (Executable) () -> profile("  ", 1, 0, 0, null), "display_name"),
                arguments("201-char display name", (Executable) () -> profile("n".repeat(201), 1, 0, 0, null),
                        "display_name"),
                arguments("negative fan count", (Executable) () -> profile("Anchor", 1, -1, 0, null), "fan_count"),
                arguments("negative viewers", (Executable) () -> profile("Anchor", 1, 0, -1, null), "average_viewers"),
                arguments("malformed guild id", (Executable) () -> profile("Anchor", 1, 0, 0, "guild 1"), "guild_id"));
    }

    @ParameterizedTest(name = "{0} is refused on {2}")
    @MethodSource("invalidProfiles")
    void refusesInvalidValuesNamingTheField(String description, Executable build, String field) {
        DomainException refused = assertThrows(DomainException.class, build);
        assertEquals(field, refused.field());
    }

    @Test
    void zeroAudienceAndAGuildAreValid() {
        assertDoesNotThrow(() -> profile("Anchor", 1, 0, 0, "guild-1"));
        assertEquals(200, profile("n".repeat(200), 1, 0, 0, null).displayName().length());
    }
}
