package com.anchorhealth.application.port.out.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * Who published a policy version (the caller's actor), when, and the note they gave with it. A version
 * published before authors were kept has an empty author and note.
 */
public record PolicyPublication(Instant publishedAt, String author, String note) {
    public PolicyPublication {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(note, "note");
    }
}
