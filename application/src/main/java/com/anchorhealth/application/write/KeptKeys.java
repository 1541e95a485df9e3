package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;

import java.util.Optional;
import java.util.function.Function;

/** The request keys a group found taken, read under its locks: a committed first call's, for its retries. */
public interface KeptKeys {
    /** The violation that a RecordViolation call with this key recorded. */
    Optional<KeptViolation> violation(IdempotencyRecord.Key key);

    /**
     * The first response kept under {@code call}'s key, as a {@code type}; {@code keptWithoutResponse}
     * answers a key kept before responses were, from the resource it names. Other content under the key
     * is refused (ALREADY_EXISTS).
     */
    <T> Optional<T> response(IdempotentWrites.Call call, Class<T> type, Function<String, T> keptWithoutResponse);
}
