package com.anchorhealth.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A group's statements as one MySQL/MariaDB text with their values written in as literals, which the
 * driver sends as it is. Bound to a client-side prepared statement instead, a batch's values cost the
 * driver more than the rest of the write: it scans every new text for its placeholders (a text of
 * thousands of them is never the same twice, nor short enough to keep), keeps an object per value and
 * escapes each again as it builds the packet.
 *
 * <p>A literal can never end early, whatever the server's SQL mode or the connection's character set:
 * a string of printable ASCII without quote or backslash is quoted as it is, any other string is
 * written as its UTF-8 bytes in hexadecimal ({@code _utf8mb4 X'…'}); numbers in decimal, booleans as
 * {@code TRUE}/{@code FALSE}, null as {@code NULL}. Any other type of value is refused.
 */
final class SqlLiterals {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /** The statements, separated by {@code ;}, each {@code ?} outside a quoted string replaced by its value. */
    static String inline(List<RowWrite.Bound> statements) {
        int length = 0;
        for (RowWrite.Bound statement : statements) {
            length += statement.sql().length() + 2 + statement.values().size() * 8;
        }
        StringBuilder sql = new StringBuilder(length);
        for (RowWrite.Bound statement : statements) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            append(sql, statement);
        }
        return sql.toString();
    }

    private static void append(StringBuilder sql, RowWrite.Bound statement) {
        String template = statement.sql();
        List<Object> values = statement.values();
        int next = 0;
        boolean quoted = false;
        int copied = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '?' && !quoted) {
                if (next == values.size()) {
                    throw new IllegalArgumentException("more placeholders than values in " + template);
                }
                sql.append(template, copied, i);
                literal(sql, values.get(next++));
                copied = i + 1;
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + next + " placeholders in " + template);
        }
        sql.append(template, copied, template.length());
    }

    static void literal(StringBuilder sql, Object value) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof String text) {
            string(sql, text);
        } else if (value instanceof Long || value instanceof Integer) {
            sql.append(((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            sql.append(flag ? "TRUE" : "FALSE");
        } else {
            throw new IllegalArgumentException("no SQL literal for a " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder sql, String text) {
        if (plain(text)) {
            sql.append('\'').append(text).append('\'');
            return;
        }
        sql.append("_utf8mb4 X'");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sql.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        sql.append('\'');
    }

    /** Printable ASCII without the two characters that could end or escape a quoted string. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\'' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
