package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ProfileUpdateTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final AnchorProfile STORED = new AnchorProfile(MIA, "Mia", Certification.EXPERT, 3, 120_000, 900,
            Optional.of("stars"));
    private static final ProfileUpdate NOTHING = new ProfileUpdate(MIA, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    static Stream<Arguments> updates() {
        return Stream.of(
                arguments("nothing named", NOTHING, STORED),
                arguments("a new name", withName("Mia Live"), new AnchorProfile(MIA, "Mia Live", Certification.EXPERT,
                        3, 120_000, 900, Optional.of("stars"))),
                arguments("a profile sync without the guild", new ProfileUpdate(MIA, Optional.of("Mia"),
                        Optional.of(Certification.NONE), Optional.of(4), Optional.of(0L), Optional.of(0L),
                        Optional.empty()), new AnchorProfile(MIA, "Mia", Certification.NONE, 4, 0, 0,
                        Optional.of("stars"))),
                arguments("another guild", withMembership(Optional.of("moons")), new AnchorProfile(MIA, "Mia",
                        Certification.EXPERT, 3, 120_000, 900, Optional.of("moons"))),
                arguments("no guild", withMembership(Optional.empty()), new AnchorProfile(MIA, "Mia",
                        Certification.EXPERT, 3, 120_000, 900, Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void anUpdateWritesTheFieldsItNamesAndKeepsTheOthers(String description, ProfileUpdate update,
                                                         AnchorProfile expected) {
        assertEquals(expected, update.appliedTo(STORED));
    }

    @Test
    void onlyAnUpdateThatNamesTheMembershipWritesIt() {
        assertFalse(NOTHING.writesMembership());
        assertTrue(withMembership(Optional.empty()).writesMembership(), "a release writes it too");
        assertTrue(withMembership(Optional.of("moons")).writesMembership());
    }

    @Test
    void aRegistrationTakesTheNamedFieldsAndStartsTheOthersEmpty() {
        ProfileUpdate update = new ProfileUpdate(MIA, Optional.of("Mia"), Optional.empty(), Optional.of(2),
                Optional.of(5L), Optional.empty(), Optional.empty());
        assertEquals(new AnchorProfile(MIA, "Mia", Certification.NONE, 2, 5, 0, Optional.empty()),
                update.registration());
    }

    @Test
    void aRegistrationNeedsANameAndALevel() {
        assertEquals("display_name", assertThrows(DomainException.class, () -> new ProfileUpdate(MIA,
                Optional.empty(), Optional.empty(), Optional.of(2), Optional.empty(), Optional.empty(),
                Optional.empty()).registration()).field());
        assertEquals("level", assertThrows(DomainException.class, () -> withName("Mia").registration()).field());
    }

    private static ProfileUpdate withName(String name) {
        return new ProfileUpdate(MIA, Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static ProfileUpdate withMembership(Optional<String> guildId) {
        return new ProfileUpdate(MIA, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new ProfileUpdate.Membership(guildId)));
    }
}
