package com.anchorhealth.application.anchor;

import com.anchorhealth.application.fixtures.AnchorRequest;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.ProfileUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class UpsertAnchorCommandTest {
    private static final AnchorRequest VALID = AnchorRequest.valid();

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("empty request id", VALID.requestId(""), "request_id"),
                arguments("129-char request id", VALID.requestId("r".repeat(129)), "request_id"),
                arguments("request id with a control character", VALID.requestId("req\u00001"), "request_id"),
                arguments("empty anchor id", VALID.anchorId(""), "anchor.anchor_id"),
                arguments("malformed anchor id", VALID.anchorId("anchor#1"), "anchor.anchor_id"),
                arguments("65-char anchor id", VALID.anchorId("a".repeat(65)), "anchor.anchor_id"),
                arguments("blank display name", VALID.displayName("   "), "anchor.display_name"),
                arguments("201-char display name", VALID.displayName("n".repeat(201)), "anchor.display_name"),
                arguments("display name with a control character", VALID.displayName("Anchor\u0001"),
                        "anchor.display_name"),
                arguments("level 5", VALID.level(5), "anchor.level"),
                arguments("negative fan count", VALID.fanCount(-1), "anchor.fan_count"),
                arguments("negative average viewers", VALID.averageViewers(-1), "anchor.average_viewers"),
                arguments("malformed guild id", VALID.guildId("guild one"), "anchor.guild_id"));
    }

    @ParameterizedTest(name = "{0} is refused on {2}")
    @MethodSource("badRequests")
    void eachBadFieldIsNamedAsInTheApi(String description, AnchorRequest request, String field) {
        assertEquals(List.of(field), badFields(request::command));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        AnchorRequest request = VALID.requestId("").displayName(" ").level(5).fanCount(-5).averageViewers(-5);

        assertEquals(List.of("request_id", "anchor.display_name", "anchor.level", "anchor.fan_count",
                "anchor.average_viewers"), badFields(request::command));
    }

    @Test
    void aBadAnchorIdDoesNotHideTheOtherBadFields() {
        AnchorRequest request = VALID.anchorId("").level(9);

        List<String> fields = badFields(request::command);

        assertEquals(2, fields.size(), fields.toString());
        assertEquals(List.of("anchor.anchor_id", "anchor.level"), fields.stream().sorted().toList());
    }

    @Test
    void withoutAMaskTheNameAndLevelAndEveryFieldThatIsSetAreWritten() {
        UpsertAnchorCommand command = VALID.certification(Certification.EXPERT).level(4).fanCount(0)
                .averageViewers(0).guildId("guild-7").command();

        assertEquals("req-a1", command.requestId());
        assertEquals(new ProfileUpdate(new AnchorId("anchor-1"), Optional.of("Anchor One"),
                Optional.of(Certification.EXPERT), Optional.of(4), Optional.empty(), Optional.empty(),
                Optional.of(new ProfileUpdate.Membership(Optional.of("guild-7")))), command.update());
        assertTrue(command.writesMembership());
        assertFalse(VALID.guildId("").command().writesMembership(), "an empty guild id is left out, not cleared");
        assertEquals(Optional.empty(), VALID.certification(null).command().update().certification());
    }

    @Test
    void withoutAMaskAnEmptyNameAndALevelOf0AreLeftOutNotRefused() {
        UpsertAnchorCommand command = VALID.displayName("").level(0).command();

        assertEquals(Optional.empty(), command.update().displayName());
        assertEquals(Optional.empty(), command.update().level());
        assertEquals(Optional.of(1_000L), command.update().fanCount());
    }

    @Test
    void aMaskWritesItsFieldsEvenEmptyAndChecksOnlyThose() {
        UpsertAnchorCommand command = VALID.displayName("").level(0).certification(null).guildId("")
                .masked(ProfileField.CERTIFICATION, ProfileField.GUILD_ID);

        assertEquals(new ProfileUpdate(new AnchorId("anchor-1"), Optional.empty(), Optional.of(Certification.NONE),
                Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new ProfileUpdate.Membership(Optional.empty()))), command.update());
        assertTrue(command.writesMembership(), "a release writes the membership");
        assertFalse(VALID.masked(ProfileField.DISPLAY_NAME).writesMembership());
        assertEquals(List.of("anchor.level"), badFields(() -> VALID.level(0).masked(ProfileField.LEVEL)));
    }

    @Test
    void theFingerprintCoversTheFieldsWrittenAndTheirValues() {
        String first = VALID.command().fingerprint();

        assertEquals(first, VALID.command().fingerprint());
        assertNotEquals(first, VALID.level(3).command().fingerprint());
        assertNotEquals(first, VALID.displayName("Anchor 1").command().fingerprint());
        assertNotEquals(first, VALID.certification(Certification.PROFESSIONAL).command().fingerprint());
        assertNotEquals(first, VALID.fanCount(1_001).command().fingerprint());
        assertNotEquals(first, VALID.guildId("guild-1").command().fingerprint());
        assertNotEquals(first, VALID.masked(ProfileField.DISPLAY_NAME, ProfileField.LEVEL).fingerprint(),
                "another mask");
        assertEquals(VALID.masked(ProfileField.DISPLAY_NAME).fingerprint(),
                VALID.level(3).masked(ProfileField.DISPLAY_NAME).fingerprint(), "a field outside the mask is ignored");
    }

    /** Keys hold fingerprints for as long as retries are answered: these are the digests keys hold today. */
    @Test
    void theFingerprintIsSpelledAsKeysKeptSinceUpdateMasksHoldIt() {
        assertEquals("0e5fe4312a6c547a57274ab06bb18ece94a362cfa887c25cdbe42226fbeb6aa8", VALID.command().fingerprint());
        assertEquals("338894ad7f23edf05619d41411965c6aa0da812932c01dfd68390c512b390536",
                VALID.guildId("guild-7").certification(Certification.EXPERT).command().fingerprint());
        assertEquals("5dab3bb87ef909c0b1e6ad79e3b668419ee781475ca21f63fcf4027692a7bc03",
                VALID.masked(ProfileField.FAN_COUNT, ProfileField.GUILD_ID).fingerprint());
    }

    /** Before update masks every field was written, and an unset certification was NONE. */
    @Test
    void aCallWithoutAMaskIsAlsoTheSameCallAsKeysKeptBeforeUpdateMasksHoldIt() {
        String beforeMasks = Fingerprint.of("UpsertAnchor", "anchor-1", "Anchor One", "NONE", 2, 1_000L, 50L, "");
        assertEquals("04f3a14f4652e01614e577ca95cfd86f35e7117e62c8f06ab80f3309fab9fded", beforeMasks);

        assertEquals(Set.of(beforeMasks), VALID.command().earlierFingerprints());
        assertEquals(Set.of(beforeMasks), VALID.certification(null).command().earlierFingerprints());
        assertEquals(Set.of("eb501881ea48e64f317d64aed1d4a5d7e0c24adfdaabbc2203105f9e7ea10f67"),
                VALID.guildId("guild-7").certification(Certification.EXPERT).command().earlierFingerprints());
        assertEquals(Set.of(), VALID.masked(ProfileField.DISPLAY_NAME, ProfileField.LEVEL).earlierFingerprints(),
                "no key kept before masks had a mask");
        assertEquals(Set.of(), VALID.displayName("").command().earlierFingerprints(),
                "a call without a name was refused then");
    }
}
