package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSafeFormatterTest {
    private final LineSafeFormatter formatter = new LineSafeFormatter();

    @Test
    void aMessageCarryingCrOrLfStaysOneLine() {
        LogRecord record = new LogRecord(Level.INFO, "page token 1\r\n2026-11-30T00:00:00Z INFO forged: admin granted");
        String text = formatter.format(record);
        assertTrue(text.lines().noneMatch(line -> line.startsWith("2026-11-30T00:00:00Z")), text);
        assertTrue(text.contains("page token 1\\r\\n2026-11-30T00:00:00Z INFO forged"), text);
    }

    @Test
    void anExceptionsMessagesAreEscapedAndItsFramesKeepTheirLines() {
        LogRecord record = new LogRecord(Level.SEVERE, "unexpected error");
        record.setThrown(new IllegalStateException("outer\nINFO forged",
                new NumberFormatException("For input string: \"1\nINFO forged\"")));
        String text = formatter.format(record);
        assertTrue(text.lines().noneMatch(line -> line.startsWith("INFO forged")), text);
        assertTrue(text.contains("java.lang.IllegalStateException: outer\\nINFO forged"), text);
        assertTrue(text.contains("Caused by: java.lang.NumberFormatException: For input string: \"1\\nINFO forged\""), text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("\tat ")), text);
        assertEquals(record.getThrown().getMessage(), "outer\nINFO forged", "the record is left as it was");
    }
}
