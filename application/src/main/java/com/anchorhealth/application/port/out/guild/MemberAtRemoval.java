package com.anchorhealth.application.port.out.guild;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Objects;

/** An anchor that was a guild's member when the guild was removed, with its name and score then. */
public record MemberAtRemoval(AnchorId anchorId, String displayName, int score) {
    public MemberAtRemoval {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
