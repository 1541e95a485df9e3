package com.anchorhealth.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging through SLF4J and Logback for the whole process: the server's own lines, and those of the
 * libraries that write to java.util.logging (gRPC, and the adapters), bridged.
 */
final class Logging {
    /** gRPC's logger for transport failures, among them a connection that does not speak HTTP/2. */
    static final String GRPC_CONNECTIONS = "io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections";
    private static final org.slf4j.Logger TRANSPORT = LoggerFactory.getLogger("anchorhealth.transport");
    /** Held: java.util.logging keeps only weak references to its loggers, and with them their filters. */
    private static final Logger GRPC_CONNECTIONS_LOGGER = Logger.getLogger(GRPC_CONNECTIONS);

    private Logging() {
    }

    /**
     * Configures Logback from the bundled file for the given format, unless the operator named
     * a configuration file of their own with {@code -Dlogback.configurationFile}.
     */
    static void configure(OperationsSettings settings) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (System.getProperty("logback.configurationFile") == null) {
            context.reset();
            context.putProperty("ACCESS_LOG_LEVEL", settings.accessLog() ? "INFO" : "OFF");
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            String file = settings.logFormat() == OperationsSettings.LogFormat.JSON ? "/logback-json.xml" : "/logback.xml";
            try {
                configurator.doConfigure(Logging.class.getResource(file));
            } catch (JoranException e) {
                throw new IllegalStateException("the bundled " + file + " is broken", e);
            }
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        GRPC_CONNECTIONS_LOGGER.setFilter(Logging::summarizeTransportFailure);
    }

    /**
     * A stray connection (a port scanner, an HTTP/1 health probe, a client without TLS) makes gRPC log
     * a stack trace; one short line says as much. The record is then dropped.
     */
    private static boolean summarizeTransportFailure(LogRecord record) {
        Throwable failure = record.getThrown();
        if (failure == null) {
            return true;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("");
        TRANSPORT.info("connection closed: {}: {}", failure.getClass().getSimpleName(),
                message.length() > 200 ? message.substring(0, 200) + "..." : message);
        return false;
    }

    /** Writes out what is buffered and stops Logback: the last call before the process exits. */
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
