package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnchorIdTest {

    @ParameterizedTest(name = "\"{0}\" is a valid anchor id")
    @ValueSource(strings = {"a", "anchor-1", "Anchor_2.live", "0123456789"})
    void acceptsLettersDigitsDotsUnderscoresAndDashes(String value) {
        assertEquals(value, new AnchorId(value).value());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {"anchor 1", "anchor/1", "anchor:1", "anchör", "a\n"})
    void refusesEmptyOrForeignCharactersNamingTheField(String value) {
        DomainException refused = assertThrows(DomainException.class, () -> new AnchorId(value));
        assertEquals("anchor_id", refused.field());
    }

    /** Bytes of any kind, and of valid ids at the edges of the length: valid as the string they decode to. */
    @Test
    void bytesAreValidAsTheStringTheyDecodeTo() {
        Random random = new Random(22);
        String characters = "Az09._-/ é";
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes;
            if (random.nextBoolean()) {
                bytes = new byte[random.nextInt(70)];
                random.nextBytes(bytes);
            } else {
                StringBuilder id = new StringBuilder();
                for (int c = 62 + random.nextInt(4) - (random.nextBoolean() ? 0 : 60); c > 0; c--) {
                    id.append(characters.charAt(random.nextInt(random.nextInt(10) == 0 ? characters.length() : 6)));
                }
                bytes = id.toString().getBytes(StandardCharsets.UTF_8);
            }
            assertEquals(AnchorId.isValid(new String(bytes, StandardCharsets.UTF_8)), AnchorId.isValid(bytes),
                    Arrays.toString(bytes));
        }
    }

    @Test
    void sixtyFourCharactersIsTheLongestId() {
        assertEquals("a".repeat(64), new AnchorId("a".repeat(64)).value());
        DomainException refused = assertThrows(DomainException.class, () -> new AnchorId("a".repeat(65)));
        assertEquals("anchor_id", refused.field());
    }
}
