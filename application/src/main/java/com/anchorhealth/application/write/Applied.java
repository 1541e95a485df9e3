package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;

import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link AnchorWrite} did to its anchor: the caller's answer and the name of the resource it
 * produced; the violation it recorded, its ledger entry, the anchor's new state (empty when nothing a
 * check or the row holds changed), the standing change for the feed; and what to do once the group has
 * committed (metrics), never before.
 */
public record Applied<T>(T answer, String resourceName, Optional<NewViolation> violation, Optional<ScoreEvent> entry,
                         Optional<Anchor> after, Optional<StandingChange> standingChange, Runnable onCommit) {
    private static final Runnable NOTHING = () -> {
    };

    public Applied {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(onCommit, "onCommit");
    }

    /** A change that leaves the anchor's ledger and standing as they were (an appeal filed, a profile kept). */
    public static <T> Applied<T> answering(T answer, String resourceName) {
        return new Applied<>(answer, resourceName, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), NOTHING);
    }

    /** The anchor's new state, with the ledger entry and the standing change that made it, if any. */
    public static <T> Applied<T> ofAnchor(T answer, String resourceName, Optional<ScoreEvent> entry, Anchor after,
                                          Optional<StandingChange> standingChange) {
        return new Applied<>(answer, resourceName, Optional.empty(), entry, Optional.of(after), standingChange,
                NOTHING);
    }

    /** A ledger entry appended to the anchor, with the standing change it makes. */
    public static <T> Applied<T> ofChange(T answer, String resourceName, Anchor.Change change,
                                          Optional<StandingChange> standingChange) {
        return ofAnchor(answer, resourceName, Optional.of(change.entry()), change.after(), standingChange);
    }

    public Applied<T> then(Runnable afterCommit) {
        return new Applied<>(answer, resourceName, violation, entry, after, standingChange, () -> {
            onCommit.run();
            afterCommit.run();
        });
    }
}
