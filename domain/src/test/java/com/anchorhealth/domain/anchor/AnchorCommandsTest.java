package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Violations.reportInSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The anchor's commands other than a violation: each returns the entry it appends and the anchor
 * before and after it, with the score as DESIGN's rules give it and the violation facts untouched.
 */
class AnchorCommandsTest {
    private static final Policy POLICY = Policies.defaults();
    private static final Instant REGISTERED = AFTER_ENFORCEMENT.minusSeconds(60);
    private static final Instant LATER = AFTER_ENFORCEMENT.plus(Duration.ofDays(1));

    /** A registered anchor with one counted violation in a live session, so that it has facts to keep. */
    private static Anchor offender(Certification certification) {
        AnchorProfile profile = Anchors.anchor("mia").certified(certification).profile();
        Anchor registered = Anchor.register(profile, POLICY, REGISTERED, "t").anchor();
        return registered.recordViolation(reportInSession(profile.anchorId(), Policies.type("VULGAR_LANGUAGE"),
                        AFTER_ENFORCEMENT, "live-1"), Policies.type("VULGAR_LANGUAGE"), POLICY, "v-1", "r-1",
                AFTER_ENFORCEMENT, "t").after();
    }

    @ParameterizedTest
    @CsvSource({"NONE, 100", "EXPERT, 120", "PROFESSIONAL, 120"})
    void registrationOpensTheLedgerAtTheInitialScoreOfTheCertification(Certification certification, int initial) {
        AnchorProfile profile = Anchors.anchor("mia").certified(certification).profile();

        Anchor.Registered registered = Anchor.register(profile, POLICY, REGISTERED, "admin");

        assertEquals(new ScoreEvent(profile.anchorId(), 1, ScoreEventKind.INITIAL, initial, initial, Optional.empty(),
                REGISTERED, "admin"), registered.initialEntry());
        assertEquals(initial, registered.anchor().score().score());
        assertEquals(0, registered.anchor().sellingRevocations());
        assertTrue(registered.anchor().heldSessions().kept().isEmpty());
        assertEquals(Optional.empty(), registered.anchor().cleanSince());
    }

    @ParameterizedTest(name = "{0} {1} from {2}: {3}")
    @CsvSource({
            // certification, delta (at most 50 either way), score before (after the violation), score after: at most the initial
            "NONE,    -5, 99, 94",
            "NONE,   -50, 99, 49",
            "NONE,    50, 99, 100",
            "EXPERT,  50, 119, 120",
            "EXPERT, -19, 119, 100"})
    void anAdjustmentAppendsItsDeltaClampedAndKeepsTheFacts(Certification certification, int delta, int before,
                                                            int after) {
        Anchor anchor = offender(certification);
        assertEquals(before, anchor.score().score());

        assertChange(anchor, new ScoreEvent(anchor.anchorId(), 3, ScoreEventKind.ADJUSTMENT, delta, after,
                        Optional.empty(), Optional.of("review"), LATER, "admin"),
                anchor.adjust(new ScoreAdjustment(delta, "review"), LATER, "admin"));
    }

    @ParameterizedTest(name = "{0} +{1} from {2}: {3}")
    @CsvSource({
            // certification, points credited, score before, score after: at most the initial
            "NONE,    1, 99, 100",
            "NONE,    5, 99, 100",
            "EXPERT,  1, 119, 120"})
    void aRecoveryCreditsUpToTheInitialScoreAndKeepsTheFacts(Certification certification, int points, int before,
                                                            int after) {
        Anchor anchor = offender(certification);
        assertEquals(before, anchor.score().score());

        assertChange(anchor, new ScoreEvent(anchor.anchorId(), 3, ScoreEventKind.RECOVERY, after - before, after,
                        Optional.empty(), LATER, "system"),
                anchor.recover(points, LATER, "system").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"NONE, 0", "NONE, 3", "EXPERT, 0"})
    void nothingIsCreditedAtTheCeilingOrForNoPoints(Certification certification, int points) {
        // Below the ceiling when no points are credited; at it otherwise.
        Anchor anchor = points == 0 ? offender(certification)
                : offender(certification).recover(100, LATER, "system").orElseThrow().after();

        assertEquals(Optional.empty(), anchor.recover(points, LATER, "system"));
    }

    /** The change appends {@code entry} to {@code before}, whose violation facts and profile it keeps. */
    private static void assertChange(Anchor before, ScoreEvent entry, Anchor.Change change) {
        assertEquals(entry, change.entry());
        assertEquals(before, change.before());
        assertEquals(entry.scoreAfter(), change.after().score().score());
        assertEquals(entry.sequence(), change.after().score().ledgerSequence());
        assertFacts(before, change.after());
    }

    private static void assertFacts(Anchor expected, Anchor actual) {
        assertEquals(expected.sellingRevocations(), actual.sellingRevocations());
        assertEquals(expected.heldSessions(), actual.heldSessions());
        assertEquals(expected.cleanSince(), actual.cleanSince());
        assertEquals(expected.score().lastViolationAt(), actual.score().lastViolationAt());
        assertEquals(expected.profile(), actual.profile());
    }
}
