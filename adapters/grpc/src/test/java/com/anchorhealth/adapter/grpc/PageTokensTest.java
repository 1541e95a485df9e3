package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageTokensTest {
    private final PageTokens tokens = new PageTokens(key('k'));

    @Test
    void aNextPageTokenContinuesAfterTheLastKeyOfTheSameQuery() {
        String token = tokens.nextToken(new Page<>(List.of("a", "b"), Optional.of("b")), "anchors/mia");
        PageRequest next = tokens.pageRequest(2, token, "anchors/mia");
        assertEquals(new PageRequest(2, Optional.of("b")), next);
        assertEquals("", tokens.nextToken(new Page<>(List.of("c"), Optional.empty()), "anchors/mia"));
    }

    @Test
    void anotherInstanceWithTheSameKeyAcceptsTheToken() {
        String token = tokens.nextToken(new Page<>(List.of("a"), Optional.of("a")), "anchors/mia");
        assertEquals(Optional.of("a"), new PageTokens(key('k')).pageRequest(10, token, "anchors/mia").after());
    }

    @Test
    void pageSizeZeroMeansTheDefaultAndASizeOverTheMaximumIsLoweredToIt() {
        assertEquals(PageTokens.DEFAULT_PAGE_SIZE, tokens.pageRequest(0, "", "q").size());
        assertEquals(1000, tokens.pageRequest(1000, "", "q").size());
        assertEquals(1000, tokens.pageRequest(1001, "", "q").size());
        assertEquals(1000, tokens.pageRequest(Integer.MAX_VALUE, "", "q").size());
        assertEquals("page_size", assertThrows(InvalidRequestException.class,
                () -> tokens.pageRequest(-1, "", "q")).violations().get(0).field());
    }

    @Test
    void aTokenOfAnotherQueryIsRefused() {
        String token = tokens.nextToken(new Page<>(List.of("a"), Optional.of("a")), "anchors/mia");
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> tokens.pageRequest(10, token, "anchors/zoe"));
        assertEquals("page_token", error.violations().get(0).field());
        assertEquals("belongs to a different query (parent or filter)", error.violations().get(0).description());
    }

    /** {@code "Aa"} and {@code "BB"} have the same String.hashCode, which the digest once was. */
    @Test
    void queriesWithTheSameJavaHashCodeAreStillTold() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        String token = tokens.nextToken(new Page<>(List.of("a"), Optional.of("a")), "Aa");
        assertEquals("page_token", assertThrows(InvalidRequestException.class,
                () -> tokens.pageRequest(10, token, "BB")).violations().get(0).field());
    }

    @Test
    void aTokenSignedWithAnotherKeyOrAlteredIsRefused() {
        String token = tokens.nextToken(new Page<>(List.of("a"), Optional.of("17")), "policies");
        String foreign = new PageTokens(key('x')).nextToken(new Page<>(List.of("a"), Optional.of("17")), "policies");
        assertNotEquals(token, foreign);
        byte[] altered = Base64.getUrlDecoder().decode(token);
        altered[altered.length - 33] = 'x';   // the last character of the key inside: "1x"
        for (String bad : List.of(foreign, Base64.getUrlEncoder().withoutPadding().encodeToString(altered))) {
            InvalidRequestException error = assertThrows(InvalidRequestException.class,
                    () -> tokens.pageRequest(10, bad, "policies"));
            assertEquals("page_token", error.violations().get(0).field());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "dGhpcyBpcyBub3QgYSB0b2tlbg", "djEKMAo", "%%%", "djEKNWY0ZGNjM2IKeA"})
    void aTokenThisServiceDidNotIssueIsRefused(String token) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> tokens.pageRequest(10, token, "anchors/mia"));
        assertEquals("page_token", error.violations().get(0).field());
    }

    @Test
    void aTokenFarLongerThanAnyIssuedIsRefusedUnread() {
        String huge = "A".repeat(PageTokens.MAX_TOKEN_LENGTH + 1);
        assertEquals("page_token", assertThrows(InvalidRequestException.class,
                () -> tokens.pageRequest(10, huge, "q")).violations().get(0).field());
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PageTokens(new byte[16]));
    }

    private static byte[] key(char fill) {
        return String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII);
    }
}
