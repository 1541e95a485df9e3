package com.anchorhealth.server;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The JDK's one-line format, with CR and LF escaped wherever text may come from a caller (the
 * message, and the messages of an exception and its causes), so that no request field can start a
 * line of its own and forge a log record. The stack frames keep their lines.
 */
final class LineSafeFormatter extends SimpleFormatter {

    @Override
    public String formatMessage(LogRecord record) {
        return escape(super.formatMessage(record));
    }

    @Override
    public String format(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (thrown == null) {
            return super.format(record);
        }
        record.setThrown(null);
        try {
            return super.format(record) + stackTrace(thrown);
        } finally {
            record.setThrown(thrown);
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        String prefix = "";
        for (Throwable current = thrown; current != null; current = current.getCause() == current ? null : current.getCause()) {
            text.append(prefix).append(escape(current.toString())).append(System.lineSeparator());
            for (StackTraceElement frame : current.getStackTrace()) {
                text.append("\tat ").append(frame).append(System.lineSeparator());
            }
            prefix = "Caused by: ";
        }
        return text.toString();
    }

    static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
