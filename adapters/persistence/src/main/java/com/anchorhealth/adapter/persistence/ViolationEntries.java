package com.anchorhealth.adapter.persistence;

import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An anchor's violations as a replay reads them, in one text of entries
 * {@code recorded_at,occurred_at,severity,state;} (instants in epoch milliseconds), decoded in place:
 * no substring, no split, per entry.
 */
final class ViolationEntries {
    /** Ends every entry, the last included: a text cut short ends in a partial entry, which is left out. */
    static final String END = ";";

    private static final Severity[] SEVERITIES = Severity.values();
    private static final String OVERTURNED = ViolationState.OVERTURNED.name();

    private ViolationEntries() {
    }

    /** The whole entries of {@code text}, in its order; {@code expected} sizes the list. */
    static List<ReplayedViolation> decode(String text, int expected) {
        List<ReplayedViolation> violations = new ArrayList<>(expected);
        int end;
        for (int start = 0; (end = text.indexOf(END, start)) >= 0; start = end + 1) {
            int afterRecorded = text.indexOf(',', start);
            int afterOccurred = text.indexOf(',', afterRecorded + 1);
            int afterSeverity = text.indexOf(',', afterOccurred + 1);
            violations.add(new ReplayedViolation(Instant.ofEpochMilli(millis(text, start, afterRecorded)),
                    Instant.ofEpochMilli(millis(text, afterRecorded + 1, afterOccurred)),
                    severity(text, afterOccurred + 1, afterSeverity),
                    end - afterSeverity - 1 == OVERTURNED.length()
                            && text.startsWith(OVERTURNED, afterSeverity + 1)));
        }
        return violations;
    }

    private static long millis(String text, int from, int to) {
        return Long.parseLong(text, from, to, 10);
    }

    private static Severity severity(String text, int from, int to) {
        for (Severity severity : SEVERITIES) {
            if (severity.name().length() == to - from && text.startsWith(severity.name(), from)) {
                return severity;
            }
        }
        throw new IllegalStateException("no severity " + text.substring(from, to));
    }
}
