package com.anchorhealth.domain.appeal;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The single appeal of a violation: filed once, within the window, then upheld or overturned. */
public record Appeal(
        RecordedViolation violation,
        String statement,
        Instant filedAt,
        String filedBy,
        AppealState state,
        Optional<Instant> decidedAt,
        Optional<String> decisionNote,
        Optional<String> decidedBy) {

    public static final String WINDOW_CLOSED = "APPEAL_WINDOW_CLOSED";
    public static final String ALREADY_APPEALED = "ALREADY_APPEALED";
    public static final String NOT_APPEALABLE = "NOT_APPEALABLE";
    public static final String ALREADY_DECIDED = "APPEAL_ALREADY_DECIDED";

    public Appeal {
        Objects.requireNonNull(violation, "violation");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(filedAt, "filedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(decisionNote, "decisionNote");
        Objects.requireNonNull(decidedBy, "decidedBy");
    }

    /**
     * Files the appeal of a counted violation, once, within the policy's window from its recording.
     * Throws {@link AppealRefusedException} naming the rule that refuses it.
     */
    public static Appeal file(RecordedViolation violation, Optional<Appeal> existing, Policy policy, String statement,
                              Instant now, String actor) {
        if (existing.isPresent()) {
            throw new AppealRefusedException(ALREADY_APPEALED, "the violation was already appealed on "
                    + existing.get().filedAt() + "; a violation is appealed once",
                    Map.of("filedAt", existing.get().filedAt().toString()));
        }
        if (violation.state() != ViolationState.ACTIVE) {
            throw new AppealRefusedException(NOT_APPEALABLE, "only a counted violation can be appealed; this one is "
                    + violation.state(), Map.of("state", violation.state().name()));
        }
        Instant closes = violation.recordedAt().plus(Duration.ofDays(policy.appealWindowDays()));
        if (now.isAfter(closes)) {
            throw new AppealRefusedException(WINDOW_CLOSED, "the appeal window of " + policy.appealWindowDays()
                    + " days closed at " + closes, Map.of("windowDays", String.valueOf(policy.appealWindowDays()),
                    "closedAt", closes.toString()));
        }
        return new Appeal(violation, statement, now, actor, AppealState.PENDING, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public Appeal decide(AppealDecision decision, String note, Instant now, String actor) {
        if (state != AppealState.PENDING) {
            throw new AppealRefusedException(ALREADY_DECIDED, "the appeal was already decided: " + state,
                    Map.of("state", state.name()));
        }
        AppealState decided = decision == AppealDecision.OVERTURN ? AppealState.OVERTURNED : AppealState.UPHELD;
        return new Appeal(violation, statement, filedAt, filedBy, decided, Optional.of(now), Optional.of(note),
                Optional.of(actor));
    }
}
