package com.anchorhealth.adapter.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvidenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example/clips/7.mp4", "http://moderation.example/case?id=3&clip=2",
            "HTTPS://CDN.EXAMPLE/a"})
    void webAddressesAreLinks(String reference) {
        assertEquals(Optional.of(reference), Evidence.link(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd", "clip://mia/2",
            "//evil.example/x", "/anchors/mia", "https:no-host", "http:///path-only", "ftp://files.example/x",
            "http://bad host/", "case-2024-0017"})
    void everythingElseStaysText(String reference) {
        assertEquals(Optional.empty(), Evidence.link(reference));
    }

    @Test
    void aLinkIsWrittenInAscii() {
        assertEquals(Optional.of("https://cdn.example/%E8%AF%81%E6%8D%AE"), Evidence.link("https://cdn.example/证据"));
    }
}
