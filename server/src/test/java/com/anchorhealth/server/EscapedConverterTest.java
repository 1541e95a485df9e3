package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class EscapedConverterTest {

    @Test
    void controlCharactersBecomeVisibleEscapesSoNoValueStartsALine() {
        assertEquals("id=a\\nINFO forged\\r\\tx\\u001b[31m\\u007f\\u2028", EscapedConverter.escape(
                "id=a\nINFO forged\r\tx\u001b[31m\u007f\u2028"));
    }

    @Test
    void printableTextIsReturnedAsIs() {
        String line = "call method=anchorhealth.v1.CapabilityService/CheckCapability code=OK 主播";
        assertSame(line, EscapedConverter.escape(line));
    }
}
