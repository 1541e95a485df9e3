package com.anchorhealth.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled text format: one line per record, with the key-values, and no line a caller can forge. */
class LoggingTest {

    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        SLF4JBridgeHandler.uninstall();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingTest.class.getResource("/logback-test.xml"));
        context.start();
    }

    @Test
    void textIsOneLinePerRecordWithItsKeyValuesAndCallersControlCharactersEscaped() {
        List<String> lines = logged(text(true), () -> {
            LoggerFactory.getLogger(CallObserver.ACCESS_LOGGER).atInfo().addKeyValue("code", "OK")
                    .addKeyValue("request_id", "id\nINFO forged").log("call");
            LoggerFactory.getLogger(LoggingTest.class).info("second");
            java.util.logging.Logger.getLogger("a.library").warning("through java.util.logging");
            LoggerFactory.getLogger(LoggingTest.class).warn("failed",
                    new IllegalArgumentException("bad page token x\nINFO forged by a caller"));
        });
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\S+ INFO  access: call code=\"OK\" request_id=\"id\\\\nINFO forged\"\\s*"), lines.get(0));
        assertTrue(lines.get(1).endsWith("INFO  LoggingTest: second"), lines.get(1));
        assertTrue(lines.get(2).endsWith("WARN  library: through java.util.logging"), lines.get(2));
        assertTrue(lines.get(3).contains("WARN  LoggingTest: failed java.lang.IllegalArgumentException: bad page token x"
                + "\\nINFO forged by a caller"), "an exception's text and stack stay on the record's line: " + lines.get(3));
    }

    @Test
    void theAccessLogCanBeTurnedOff() {
        List<String> lines = logged(text(false), () -> {
            LoggerFactory.getLogger(CallObserver.ACCESS_LOGGER).info("call");
            LoggerFactory.getLogger(LoggingTest.class).info("kept");
        });
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).endsWith("kept"), lines.get(0));
    }

    /** Text logs, with or without the access lines. */
    private static OperationsSettings text(boolean accessLog) {
        return new OperationsSettings(0, 0, OperationsSettings.LogFormat.TEXT, accessLog,
                OperationsSettings.DEFAULT_TIME_ZONE, Set.of());
    }

    /** What the bundled configuration writes to standard output while {@code logging} runs. */
    private static List<String> logged(OperationsSettings settings, Runnable logging) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Logging.configure(settings);
            logging.run();
            Logging.stop();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().map(String::stripTrailing).toList();
    }
}
