package com.anchorhealth.adapter.persistence;

import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViolationEntriesTest {
    @Test
    void decodesEachEntryInOrder() {
        assertEquals(List.of(
                        new ReplayedViolation(Instant.ofEpochMilli(1780272001000L), Instant.ofEpochMilli(-5L),
                                Severity.SEVERE, false),
                        new ReplayedViolation(Instant.ofEpochMilli(12L), Instant.ofEpochMilli(11L), Severity.MINOR,
                                true),
                        new ReplayedViolation(Instant.ofEpochMilli(13L), Instant.ofEpochMilli(0L), Severity.MODERATE,
                                false)),
                ViolationEntries.decode("1780272001000,-5,SEVERE,ACTIVE;12,11,MINOR,OVERTURNED;13,0,MODERATE,"
                        + "OVERTURNED_LATER;", 3));
    }

    @Test
    void leavesOutAnEntryCutShort() {
        assertEquals(List.of(new ReplayedViolation(Instant.ofEpochMilli(12L), Instant.ofEpochMilli(11L),
                        Severity.SERIOUS, false)),
                ViolationEntries.decode("12,11,SERIOUS,ACTIVE;13,12,MIN", 2));
        assertEquals(List.of(), ViolationEntries.decode("", 0));
    }
}
