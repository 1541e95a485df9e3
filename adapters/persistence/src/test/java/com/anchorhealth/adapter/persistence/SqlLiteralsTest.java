package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text a group's write sends; that the server reads it back as written is PersistenceContract's. */
class SqlLiteralsTest {
    private static final Pattern ONE_LITERAL = Pattern.compile("'[\\x20-\\x7E&&[^'\\\\]]*'|_utf8mb4 X'([0-9A-F]{2})*'");

    private static final String ALPHABET = "'\\\";-?x \n";

    @Test
    void placeholdersOutsideQuotesTakeTheirValuesInOrderAndStatementsAreJoined() {
        String sql = SqlLiterals.inline(List.of(
                new RowWrite.Bound("UPDATE t SET a = a + ? WHERE name = 'why?' AND id = ?", List.of(3, "x")),
                new RowWrite.Bound("INSERT INTO u VALUES (?, ?, ?, ?)", Arrays.asList(null, true, false, -7L)),
                new RowWrite.Bound("COMMIT", List.of())));
        assertEquals("UPDATE t SET a = a + 3 WHERE name = 'why?' AND id = 'x';\n"
                + "INSERT INTO u VALUES (NULL, TRUE, FALSE, -7);\nCOMMIT", sql);
    }

    @Test
    void aStringThatCouldEndOrEscapeItsQuotesIsWrittenAsItsUtf8BytesInHexadecimal() {
        assertEquals("_utf8mb4 X'6974277320C3A9'", literal("it's é"));
        assertEquals("_utf8mb4 X'5C'", literal("\\"));
        assertEquals("_utf8mb4 X'0A00'", literal("\n\u0000"));
        assertEquals("'plain text; -- ?'", literal("plain text; -- ?"));
        assertEquals("''", literal(""));
    }

    @Test
    void everyStringBecomesExactlyOneLiteralThatCannotEndEarly() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(12)];
            for (int c = 0; c < text.length; c++) {
                text[c] = random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(
                        random.nextInt(ALPHABET.length()));
            }
            String written = literal(new String(text));
            assertTrue(ONE_LITERAL.matcher(written).matches(), written);
        }
    }

    @Test
    void placeholdersAndValuesMustMatchAndUnknownTypesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SqlLiterals.inline(List.of(new RowWrite.Bound("SELECT ?, ?", List.of(1)))));
        assertThrows(IllegalArgumentException.class,
                () -> SqlLiterals.inline(List.of(new RowWrite.Bound("SELECT ?", List.of(1, 2)))));
        assertThrows(IllegalArgumentException.class,
                () -> SqlLiterals.inline(List.of(new RowWrite.Bound("SELECT ?", List.of(1.5)))));
    }

    private static String literal(Object value) {
        StringBuilder sql = new StringBuilder();
        SqlLiterals.literal(sql, value);
        return sql.toString();
    }
}
