package com.anchorhealth.application.standing;

import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyBookTest {
    private static final Instant V1_FROM = Instant.parse("2023-09-06T16:00:00Z");
    private static final Instant V2_FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant V3_FROM = Instant.parse("2024-06-01T00:00:00Z");

    private static Policy version(long version, Instant effectiveAt) {
        return DefaultPolicy.candidate().withVersion(version, effectiveAt);
    }

    private final PolicyBook book = new PolicyBook();

    @ParameterizedTest(name = "at {0} version {1} is in force")
    @CsvSource({
            "2020-01-01T00:00:00Z,     1",
            "2023-09-06T16:00:00Z,     1",
            "2023-12-31T23:59:59.999Z, 1",
            "2024-01-01T00:00:00Z,     2",
            "2024-05-31T23:59:59.999Z, 2",
            "2024-06-01T00:00:00Z,     3",
            "2030-01-01T00:00:00Z,     3"})
    void theLatestEffectiveVersionIsInForce(Instant at, long inForce) {
        // Loaded out of order: the book sorts by version.
        book.load(List.of(version(3, V3_FROM), version(1, V1_FROM), version(2, V2_FROM)));

        assertEquals(inForce, book.inForceAt(at).version());
    }

    @Test
    void beforeTheFirstVersionTakesEffectTheFirstIsInForce() {
        book.load(List.of(version(1, V2_FROM), version(2, V3_FROM)));

        assertEquals(1, book.inForceAt(V1_FROM).version());
    }

    @Test
    void onATieTheNewestVersionWins() {
        book.load(List.of(version(1, V1_FROM), version(2, V2_FROM), version(3, V2_FROM)));

        assertEquals(3, book.inForceAt(V2_FROM).version());
    }

    @Test
    void anAddedVersionTakesEffectAtItsInstant() {
        book.load(List.of(version(1, V1_FROM)));
        book.add(version(2, V2_FROM));

        assertEquals(1, book.inForceAt(V2_FROM.minusMillis(1)).version());
        assertEquals(2, book.inForceAt(V2_FROM).version());
        assertEquals(2, book.latestVersion());
        assertEquals(Optional.of(V1_FROM), book.version(1).map(Policy::effectiveAt));
        assertTrue(book.version(7).isEmpty());
    }

    @Test
    void anEmptyBookHasNoPolicyInForce() {
        assertTrue(book.isEmpty());
        assertEquals(0, book.latestVersion());
        assertThrows(IllegalStateException.class, () -> book.inForceAt(V1_FROM));
    }
}
