package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.policy.Policy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Publish a candidate policy, with a note saying why (kept with the version beside its author). Valid
 * by construction: every problem of the candidate is reported.
 */
public record PublishPolicyCommand(String requestId, Policy candidate, Optional<Instant> effectiveAt, String note) {
    public static final int MAX_NOTE_LENGTH = 1000;

    public PublishPolicyCommand {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(note, "note");
    }

    /** {@code note} may be empty; it is kept stripped. */
    public static PublishPolicyCommand of(String requestId, Policy candidate, Optional<Instant> effectiveAt,
                                          String note) {
        String stripped = note.strip();
        new FieldChecks().requestId(requestId, "request_id").policy(candidate, "policy.")
                .check(stripped.length() <= MAX_NOTE_LENGTH && stripped.codePoints()
                                .noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'),
                        "note", "must be at most " + MAX_NOTE_LENGTH + " characters, no control characters but line breaks")
                .throwIfAny();
        return new PublishPolicyCommand(requestId, candidate,
                effectiveAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS)), stripped);
    }

    /**
     * What makes two calls with one request id the same call, given the candidate's document. Without a
     * note it is what it was before notes were kept, so that a retry across an upgrade is still a retry.
     */
    public String fingerprint(String candidateDocument) {
        String effective = effectiveAt.map(Instant::toString).orElse("now");
        return note.isEmpty() ? Fingerprint.of("PublishPolicy", candidateDocument, effective)
                : Fingerprint.of("PublishPolicy", candidateDocument, effective, note);
    }
}
