package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Policies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESIGN.md section 2: +1..+5 by fans or average viewers, the larger band of the two, 0 below both. */
class AudienceSurchargeTest {
    private final Policy policy = Policies.defaults();

    @ParameterizedTest(name = "{0} fans add {1}")
    @CsvSource({
            "0, 0",
            "99999, 0", "100000, 1",
            "499999, 1", "500000, 2",
            "999999, 2", "1000000, 3",
            "4999999, 3", "5000000, 4",
            "9999999, 4", "10000000, 5",
            "250000000, 5"})
    void fanBands(long fans, int surcharge) {
        assertEquals(surcharge, policy.surchargeFor(fans, 0));
    }

    @ParameterizedTest(name = "{0} average viewers add {1}")
    @CsvSource({
            "0, 0",
            "999, 0", "1000, 1",
            "4999, 1", "5000, 2",
            "9999, 2", "10000, 3",
            "49999, 3", "50000, 4",
            "99999, 4", "100000, 5",
            "3000000, 5"})
    void averageViewerBands(long viewers, int surcharge) {
        assertEquals(surcharge, policy.surchargeFor(0, viewers));
    }

    @ParameterizedTest(name = "{0} fans and {1} viewers add {2}")
    @CsvSource({
            "150000,   60000, 4",
            "6000000,  1500,  4",
            "2000000,  5000,  3",
            "100000,   1000,  1",
            "10000000, 100000, 5",
            "99999,    999,   0"})
    void theLargerOfTheTwoBandsCounts(long fans, long viewers, int surcharge) {
        assertEquals(surcharge, policy.surchargeFor(fans, viewers));
    }
}
