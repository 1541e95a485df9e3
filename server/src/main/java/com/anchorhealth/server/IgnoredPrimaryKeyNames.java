package com.anchorhealth.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * MariaDB ignores the name of a PRIMARY KEY constraint and says so with a warning (1280), which Flyway
 * logs for every table a migration creates: the migrations name their keys for the other engines. The
 * warning changes nothing, so it is dropped; every other warning of a migration is kept.
 */
public final class IgnoredPrimaryKeyNames extends TurboFilter {
    static final String SCRIPT_EXECUTOR = "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        return logger != null && SCRIPT_EXECUTOR.equals(logger.getName()) && format != null
                && format.contains("ignored for PRIMARY key") && format.contains("Error Code: 1280")
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
