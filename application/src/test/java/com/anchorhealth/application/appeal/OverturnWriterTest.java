package com.anchorhealth.application.appeal;

import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.anchor.LatestCounted;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** An overturn reads the slice of the history it depends on, however long the history is. */
class OverturnWriterTest {
    private static final AnchorId MIA = new AnchorId("mia");

    private final Ports ports = Ports.enforced();
    private final OverturnWriter overturns = new OverturnWriter(ports.violations, ports.ledger,
            ports.guildPenalties());
    private final List<ScoreEvent> ledger = new ArrayList<>();
    private final List<RecordedViolation> violations = new ArrayList<>();
    private Anchor anchor = StoredAnchors.anchor("mia").record().anchor();

    OverturnWriterTest() {
        when(ports.ledger.entriesFrom(eq(MIA), anyInt())).thenAnswer(invocation -> ledger.stream()
                .filter(entry -> entry.sequence() >= invocation.<Integer>getArgument(1)).toList());
        when(ports.violations.newest(eq(MIA), anyInt())).thenAnswer(invocation -> {
            int count = invocation.getArgument(1);
            return violations.subList(Math.max(0, violations.size() - count), violations.size()).stream()
                    .map(violation -> new ViolationWithFacts(violation, Optional.empty())).toList();
        });
        when(ports.violations.find(eq(MIA), any())).thenAnswer(invocation -> violations.stream()
                .filter(violation -> violation.violationId().equals(invocation.getArgument(1))).findFirst());
    }

    @Test
    void aRecentViolationOfALongHistoryIsOverturnedFromTheLedgerSinceItAndTheLatestViolations() {
        Instant start = ports.now().minus(Duration.ofDays(2_000));
        for (int day = 0; day < 2_000; day++) {
            record(start.plus(Duration.ofDays(day)), day);
        }
        RecordedViolation recent = violations.get(1_990);

        overturns.write(anchor, recent, new WriteTerms(ports.now(), ports.policy), "back-office");

        verify(ports.ledger).entriesFrom(MIA, recent.ledgerSequence() - 1);
        verify(ports.ledger, never()).entriesFrom(eq(MIA), eq(1));
        verify(ports.violations).newest(MIA, OverturnWriter.NEWEST_READ);
        verify(ports.violations, never()).latestCounted(any());
        verify(ports.violations, never()).listAll(any());
        verify(ports.violations).updateState(MIA, recent.violationId(), ViolationState.OVERTURNED);
    }

    @Test
    void aViolationRecordedAfterOneOverturnedSinceReplaysFromBeforeThatOne() {
        Instant start = ports.now().minus(Duration.ofDays(100));
        for (int day = 0; day < 100; day++) {
            record(start.plus(Duration.ofDays(day)), day);
        }
        RecordedViolation later = violations.get(60);
        RecordedViolation overturnedFirst = violations.get(50);
        Anchor.Change first = overturns.write(anchor, overturnedFirst, new WriteTerms(ports.now(), ports.policy), "bo");
        violations.set(50, overturnedFirst.inState(ViolationState.OVERTURNED));
        ledger.add(first.entry());
        anchor = first.after();
        clearInvocations(ports.ledger);

        Anchor.Change second = overturns.write(anchor, later, new WriteTerms(ports.now(), ports.policy), "bo");

        // The tail from before the violation holds the restoration of an earlier one: it reads from before that.
        verify(ports.ledger).entriesFrom(MIA, later.ledgerSequence() - 1);
        verify(ports.ledger).entriesFrom(MIA, overturnedFirst.ledgerSequence() - 1);
        int deduction = -ledger.get(1).delta();
        assertEquals(Math.min(100, anchor.score().score() + deduction), second.after().score().score(),
                "the second overturn gives back its own deduction once more");
    }

    @Test
    void aViolationOfABurstIsOverturnedFromOneRowOfAggregatesOverTheOthers() {
        Instant start = ports.now().minus(Duration.ofMinutes(30));
        for (int second = 0; second < 500; second++) {
            record(start.plusSeconds(second), second % 50);
        }
        RecordedViolation latest = violations.get(499);
        Instant previous = violations.get(498).recordedAt();
        when(ports.violations.latestCounted(latest)).thenReturn(new LatestCounted(Optional.of(previous),
                Optional.of(previous), Optional.of(violations.get(449).recordedAt())));

        Anchor.Change change = overturns.write(anchor, latest, new WriteTerms(ports.now(), ports.policy), "bo");

        // The latest 64 span a minute: an older one could be later by the instances' clocks, so they do not tell.
        verify(ports.violations).latestCounted(latest);
        verify(ports.violations, never()).listAll(any());
        assertEquals(Optional.of(previous), change.after().cleanSince());
        assertEquals(Optional.of(ports.policy.sessionHeldUntil(violations.get(449).recordedAt())),
                Optional.ofNullable(change.after().heldSessions().kept().get("live-49")));
    }

    private void record(Instant at, int day) {
        ViolationType type = ports.policy.violationType("VULGAR_LANGUAGE").orElseThrow();
        Anchor.ViolationChange change = anchor.recordViolation(new ViolationReport(MIA, type.code(), at,
                Optional.of("live-" + day), "moderation", List.of()), type, ports.policy, String.format("v-%05d", day),
                "r-" + day, at, "moderation");
        violations.add(change.violation());
        change.entry().ifPresent(ledger::add);
        anchor = change.after();
    }
}
