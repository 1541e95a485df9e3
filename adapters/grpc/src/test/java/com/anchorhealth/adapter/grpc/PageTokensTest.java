package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageTokensTest {

    @Test
    void aNextPageTokenContinuesAfterTheLastKeyOfTheSameQuery() {
        String token = PageTokens.nextToken(new Page<>(List.of("a", "b"), Optional.of("b")), "anchors/mia");
        PageRequest next = PageTokens.pageRequest(2, token, "anchors/mia");
        assertEquals(new PageRequest(2, Optional.of("b")), next);
        assertEquals("", PageTokens.nextToken(new Page<>(List.of("c"), Optional.empty()), "anchors/mia"));
    }

    @Test
    void pageSizeZeroMeansTheDefaultAndASizeOverTheMaximumIsLoweredToIt() {
        assertEquals(PageTokens.DEFAULT_PAGE_SIZE, PageTokens.pageRequest(0, "", "q").size());
        assertEquals(1000, PageTokens.pageRequest(1000, "", "q").size());
        assertEquals(1000, PageTokens.pageRequest(1001, "", "q").size());
        assertEquals(1000, PageTokens.pageRequest(Integer.MAX_VALUE, "", "q").size());
        assertEquals("page_size", assertThrows(InvalidRequestException.class,
                () -> PageTokens.pageRequest(-1, "", "q")).violations().get(0).field());
    }

    @Test
    void aTokenOfAnotherQueryIsRefused() {
        String token = PageTokens.nextToken(new Page<>(List.of("a"), Optional.of("a")), "anchors/mia");
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> PageTokens.pageRequest(10, token, "anchors/zoe"));
        assertEquals("page_token", error.violations().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "dGhpcyBpcyBub3QgYSB0b2tlbg", "djEKMAo", "%%%"})
    void aTokenThisServiceDidNotIssueIsRefused(String token) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> PageTokens.pageRequest(10, token, "anchors/mia"));
        assertEquals("page_token", error.violations().get(0).field());
    }
}
