package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationsSettingsTest {

    @Test
    void takesItsFlagsInBothFormsAndLeavesTheRestToSettings() {
        OperationsSettings.Parsed parsed = OperationsSettings.parse(
                List.of("--port", "1", "--admin-port", "9191", "--web-port=0", "--log-format=json", "--access-log", "off",
                        "--time-zone", "Europe/Paris", "--web-allowed-hosts", "office.example, Console.Example",
                        "--host", "::1"),
                Map.of());
        assertEquals(new OperationsSettings(9191, 0, OperationsSettings.LogFormat.JSON, false,
                ZoneId.of("Europe/Paris"), Set.of("office.example", "Console.Example")), parsed.settings());
        assertEquals(List.of("--port", "1", "--host", "::1"), parsed.otherArgs());
    }

    @Test
    void defaultsAndEnvironment() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertEquals(new OperationsSettings(9090, 8080, OperationsSettings.LogFormat.TEXT, true, shanghai, Set.of()),
                OperationsSettings.parse(List.of(), Map.of()).settings(), "times in the platform's zone by default");
        assertEquals(OperationsSettings.DEFAULTS, OperationsSettings.parse(List.of(), Map.of()).settings());
        assertEquals(new OperationsSettings(9090, 8080, OperationsSettings.LogFormat.JSON, true, ZoneId.of("UTC"),
                Set.of()),
                OperationsSettings.parse(List.of(), Map.of("ANCHOR_HEALTH_LOG_FORMAT", "json",
                        "ANCHOR_HEALTH_TIME_ZONE", "UTC")).settings());
    }

    @Test
    void refusesBadValuesWithTheFlagInTheReason() {
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--log-format", "xml"),
                Map.of())).getMessage().startsWith("--log-format"));
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--admin-port", "70000"),
                Map.of())).getMessage().startsWith("--admin-port"));
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--web-port", "http"),
                Map.of())).getMessage().startsWith("--web-port"), "the web port is a number");
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--access-log", "yes"),
                Map.of())).getMessage().startsWith("--access-log"));
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--time-zone",
                "Mars/Olympus"), Map.of())).getMessage().startsWith("--time-zone"), "an unknown zone is refused");
        assertTrue(assertThrows(SettingsException.class, () -> OperationsSettings.parse(List.of("--admin-port"),
                Map.of())).getMessage().contains("needs a value"));
    }

    @Test
    void versionAndHelpPrintAndReturn() throws InterruptedException {
        assertEquals("anchor-health " + Main.version() + "\n", printed("--version"));
        assertTrue(Main.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), Main.version());
        String help = printed("-h");
        assertEquals(help, printed("--help"));
        assertTrue(help.contains("--admin-port") && help.contains("--data-dir") && help.contains("--version"), help);
    }

    private static String printed(String flag) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {flag});
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
