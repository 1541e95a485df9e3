package com.anchorhealth.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %escaped(...)} in a text log pattern: control characters become visible escapes, so that a
 * value a caller sent (a request id, a page token in an error) can never start a forged log line.
 */
public final class EscapedConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return escape(in);
    }

    static String escape(String in) {
        StringBuilder out = null;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c >= 0x20 && c != 0x7f && c != '\u2028' && c != '\u2029') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(in.length() + 16).append(in, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? in : out.toString();
    }
}
