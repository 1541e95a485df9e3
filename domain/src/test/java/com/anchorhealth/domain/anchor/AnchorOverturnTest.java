package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.score.ScoreFold;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An overturn reads a slice of the anchor's history: the ledger from the violation it overturns (or
 * from an earlier one overturned after it) and the latest violations back to those its facts depend
 * on. Random histories of violations (in and out of scope, backdated, in live sessions more than the
 * row keeps), adjustments, recoveries and overturns in any order check it against the overturn that
 * reads all of it: the same score and facts, and every session held as long, after every overturn.
 */
class AnchorOverturnTest {
    private static final Policy POLICY = Policies.defaults();
    private static final AnchorProfile PROFILE = Anchors.profile("mia");
    private static final List<String> TYPES = POLICY.violationTypeCodes();
    /** More sessions than the row keeps: some are pushed off to the session store. */
    private static final int SESSIONS = HeldSessions.KEPT + 14;

    @Test
    void anOverturnFromItsSliceOfTheHistoryIsTheOverturnFromAllOfIt() {
        Random seeds = new Random(20261207);
        int overturns = 0;
        int readBackFurther = 0;
        for (int history = 0; history < 80; history++) {
            History played = new History(new Random(seeds.nextLong()));
            played.play(150);
            overturns += played.overturns;
            readBackFurther += played.tailsLowered;
        }
        assertTrue(overturns > 1_000, "overturns compared: " + overturns);
        assertTrue(readBackFurther > 50, "tails that reached back past an earlier overturn: " + readBackFurther);
    }

    /** One anchor's history, stored as the store keeps it: the ledger, the violations in recording order. */
    private static final class History {
        private final Random random;
        private final List<ScoreEvent> ledger = new ArrayList<>();
        private final List<RecordedViolation> violations = new ArrayList<>();
        /** The sessions pushed off the anchor's row, as the session store keeps them. */
        private final Map<String, Instant> store = new HashMap<>();
        private Anchor anchor;
        private Instant now = AFTER_ENFORCEMENT;
        private int overturns;
        private int tailsLowered;

        History(Random random) {
            this.random = random;
            Anchor.Registered registered = Anchor.register(PROFILE, POLICY, now, "t");
            anchor = registered.anchor();
            ledger.add(registered.initialEntry());
        }

        void play(int steps) {
            for (int step = 0; step < steps; step++) {
                // Mostly hours to days apart; now and then long enough for every hold to close.
                now = now.plus(random.nextInt(10) == 0 ? Duration.ofDays(30 + random.nextInt(60))
                        : Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60)));
                int move = random.nextInt(10);
                if (move < 6) {
                    recordViolation(step);
                } else if (move == 6) {
                    int delta = 1 + random.nextInt(10);
                    ScoreAdjustment adjustment = new ScoreAdjustment(random.nextBoolean() ? delta : -delta, "review");
                    append(anchor.adjust(adjustment, now, "t"));
                } else if (move == 7) {
                    anchor.recover(1 + random.nextInt(5), now, "t").ifPresent(this::append);
                } else {
                    overturnOne();
                }
            }
        }

        private void recordViolation(int step) {
            ViolationType type = POLICY.violationType(TYPES.get(random.nextInt(TYPES.size()))).orElseThrow();
            // Backdated up to 200 days: some before the trial began, out of scope.
            Instant occurredAt = now.minus(Duration.ofHours(random.nextInt(200 * 24)));
            Optional<String> session = random.nextInt(4) == 0 ? Optional.empty()
                    : Optional.of("live-" + random.nextInt(SESSIONS));
            ViolationReport report = new ViolationReport(PROFILE.anchorId(), type.code(), occurredAt, session,
                    "moderation", List.of());
            Anchor.ViolationChange change = anchor.recordViolation(report, type, POLICY,
                    String.format("v-%05d", step), "r-" + step, now, "t");
            violations.add(change.violation());
            change.entry().ifPresent(ledger::add);
            anchor = stored(change.after());
        }

        private void append(Anchor.Change change) {
            ledger.add(change.entry());
            anchor = stored(change.after());
        }

        /** The anchor as its row keeps it, its spill written to the session store as the writer writes it. */
        private Anchor stored(Anchor written) {
            SessionSpill spill = written.spill();
            if (spill.pruneClosed()) {
                store.values().removeIf(until -> !until.isAfter(now));
            }
            spill.released().forEach(store::remove);
            spill.pushedOff().forEach((session, until) -> store.merge(session, until, HeldSessions::longer));
            return new Anchor(written.profile(), written.score(), written.sellingRevocations(),
                    written.heldSessions(), written.cleanSince());
        }

        private void overturnOne() {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < violations.size(); i++) {
                if (violations.get(i).state() == ViolationState.ACTIVE) {
                    active.add(i);
                }
            }
            if (active.isEmpty()) {
                return;
            }
            int chosen = active.get(random.nextInt(active.size()));
            RecordedViolation overturned = violations.get(chosen);
            violations.set(chosen, overturned.inState(ViolationState.OVERTURNED));

            // As the application reads them: the latest few, then more, until they are enough or there are no more.
            List<RecordedViolation> newest = newestEnough(overturned);
            Anchor.Change change = anchor.overturn(overturned, replayTail(overturned),
                    LatestCounted.among(overturned, newest), POLICY, now, "t");
            append(change);

            Anchor expected = overturnFromEverything();
            assertEquals(expected.score().score(), anchor.score().score(), "score");
            assertEquals(expected.score().lastViolationAt(), anchor.score().lastViolationAt(), "last violation");
            assertEquals(expected.sellingRevocations(), anchor.sellingRevocations(), "selling revocations");
            assertEquals(expected.cleanSince(), anchor.cleanSince(), "clean since");
            for (int session = 0; session < SESSIONS; session++) {
                for (Duration later : List.of(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(10),
                        Duration.ofDays(29))) {
                    Instant at = now.plus(later);
                    assertEquals(expected.heldSessions().holdOf("live-" + session, at), holdOf("live-" + session, at),
                            "live-" + session + " at now + " + later);
                }
            }
            overturns++;
        }

        /** As the application reads it: from the entry before the violation, lowered until it stays put. */
        private List<ScoreEvent> replayTail(RecordedViolation overturned) {
            int from = Math.max(1, overturned.ledgerSequence() - 1);
            while (true) {
                int start = from;
                List<ScoreEvent> tail = ledger.stream().filter(entry -> entry.sequence() >= start).toList();
                List<Integer> restored = tail.stream().filter(entry -> entry.kind() == ScoreEventKind.RESTORATION)
                        .map(entry -> sequenceOf(entry.violationId().orElseThrow())).toList();
                int lowered = Anchor.overturnReplaysFrom(from, restored);
                if (lowered == from) {
                    return tail;
                }
                tailsLowered++;
                from = lowered;
            }
        }

        /** As the application reads them: the latest few, then more, until they are enough. */
        private List<RecordedViolation> newestEnough(RecordedViolation overturned) {
            for (int count = 2; ; count *= 2) {
                List<RecordedViolation> newest = violations.subList(Math.max(0, violations.size() - count),
                        violations.size());
                if (newest.size() < count || anchor.overturnSeesEnough(overturned, newest, POLICY, now)) {
                    return newest;
                }
            }
        }

        /** Whether the anchor holds the session's income at {@code at}, asking the store where the row says so. */
        private HeldSessions.Hold holdOf(String session, Instant at) {
            HeldSessions.Hold hold = anchor.heldSessions().holdOf(session, at);
            if (hold != HeldSessions.Hold.IN_STORE) {
                return hold;
            }
            Instant stored = store.get(session);
            return stored != null && stored.isAfter(at) ? HeldSessions.Hold.HELD : HeldSessions.Hold.NOT_HELD;
        }

        private int sequenceOf(String violationId) {
            return violations.stream().filter(violation -> violation.violationId().equals(violationId))
                    .findFirst().orElseThrow().ledgerSequence();
        }

        /** The overturn as it was first written: the whole ledger replayed, the facts of every violation. */
        private Anchor overturnFromEverything() {
            Set<String> overturned = new HashSet<>();
            int revocations = 0;
            Map<String, Instant> holds = new HashMap<>();
            Instant latestRecorded = null;
            for (RecordedViolation violation : violations) {
                if (!violation.counts()) {
                    overturned.add(violation.violationId());
                    continue;
                }
                revocations += violation.revokesSelling() ? 1 : 0;
                violation.report().liveSessionId().ifPresent(session -> holds.merge(session,
                        POLICY.sessionHeldUntil(violation.recordedAt()), HeldSessions::longer));
                if (latestRecorded == null || violation.recordedAt().isAfter(latestRecorded)) {
                    latestRecorded = violation.recordedAt();
                }
            }
            int score = ScoreFold.foldExcluding(ledger, overturned).score();
            Optional<Instant> lastViolation = StandingFacts.of(0, anchor.score().initialScore(), violations)
                    .lastViolationAt();
            return new Anchor(PROFILE, new AnchorScore(PROFILE.anchorId(),
                    anchor.score().initialScore(), score, anchor.score().ledgerSequence() + 1, lastViolation),
                    revocations, new HeldSessions(holds, Optional.empty()),
                    Optional.ofNullable(latestRecorded));
        }
    }
}
