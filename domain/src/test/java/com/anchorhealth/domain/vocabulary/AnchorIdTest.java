package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void sixtyFourCharactersIsTheLongestId() {
        assertEquals("a".repeat(64), new AnchorId("a".repeat(64)).value());
        DomainException refused = assertThrows(DomainException.class, () -> new AnchorId("a".repeat(65)));
        assertEquals("anchor_id", refused.field());
    }
}
