package com.anchorhealth.application.write;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FingerprintTest {
    /** SHA-256 of "2:ab1:c": kept fingerprints are compared with new ones for as long as retries are answered. */
    private static final String AB_C = "430fb1b4ac43316eca81fab27a1930ab8eff8fef6a1dc7903dce44bbc2790dc5";

    @Test
    void aFingerprintIsTheSha256OfItsPartsEachPrefixedWithItsLength() {
        assertEquals(AB_C, Fingerprint.of("ab", "c"));
        assertEquals("1c272c0929ca769d0546cab465df0c0db8d890c23bcc456ce0da170f51bb416b", Fingerprint.of(null, -7, "x"));
        assertNotEquals(AB_C, Fingerprint.of("a", "bc"));
    }

    @Test
    void aPartThatCannotBeSpelledLeavesTheNextFingerprintUntouched() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of("ab", Instant.EPOCH));
        assertEquals(AB_C, Fingerprint.of("ab", "c"));
    }
}
