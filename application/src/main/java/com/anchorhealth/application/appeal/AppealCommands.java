package com.anchorhealth.application.appeal;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Objects;

/** The commands of the appeal flow; valid by construction. */
public final class AppealCommands {
    public static final int MAX_TEXT_LENGTH = 2000;

    private AppealCommands() {
    }

    /** A call on the appeal of one violation, keyed by its request id and the fingerprint of its content. */
    public sealed interface Command permits File, Decide {
        String requestId();

        AnchorId anchorId();

        String violationId();

        String fingerprint();
    }

    /** The anchor's appeal of one of its violations. */
    public record File(String requestId, AnchorId anchorId, String violationId, String statement) implements Command {
        public static File of(String requestId, AnchorId anchorId, String violationId, String statement) {
            new FieldChecks().requestId(requestId, "request_id")
                    .check(FieldChecks.isText(statement, MAX_TEXT_LENGTH), "statement",
                            "must be 1-" + MAX_TEXT_LENGTH + " characters, not blank, no control characters")
                    .throwIfAny();
            return new File(requestId, Objects.requireNonNull(anchorId), violationId, statement);
        }

        @Override
        public String fingerprint() {
            return Fingerprint.of("FileAppeal", anchorId.value(), violationId, statement);
        }
    }

    /** The back office's decision on an appeal. */
    public record Decide(String requestId, AnchorId anchorId, String violationId, AppealDecision decision,
                         String note) implements Command {
        public static Decide of(String requestId, AnchorId anchorId, String violationId, AppealDecision decision,
                                String note) {
            new FieldChecks().requestId(requestId, "request_id")
                    .check(decision != null, "decision", "must be UPHOLD or OVERTURN")
                    .check(note.length() <= MAX_TEXT_LENGTH && note.codePoints().noneMatch(Character::isISOControl),
                            "note", "must be at most " + MAX_TEXT_LENGTH + " characters, no control characters")
                    .throwIfAny();
            return new Decide(requestId, Objects.requireNonNull(anchorId), violationId, decision, note);
        }

        @Override
        public String fingerprint() {
            return Fingerprint.of("DecideAppeal", anchorId.value(), violationId, decision.name(), note);
        }
    }
}
