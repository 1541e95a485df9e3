package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.sanction.HeldSessions;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an anchor's session store must learn when the anchor is next written: the sessions pushed off
 * its row, each with its hold; the sessions no longer held at all (their violations were overturned);
 * and whether the holds that have closed by then are to be deleted from it (whenever it grows, and
 * when the last of its holds closes), so that the store stays as bounded as the row.
 */
public record SessionSpill(Map<String, Instant> pushedOff, Set<String> released, boolean pruneClosed) {
    public static final SessionSpill NONE = new SessionSpill(Map.of(), Set.of(), false);

    public SessionSpill {
        pushedOff = Map.copyOf(pushedOff);
        released = Set.copyOf(released);
    }

    public boolean isEmpty() {
        return pushedOff.isEmpty() && released.isEmpty() && !pruneClosed;
    }

    /** This spill followed by {@code later}, as one write: a later hold of a session wins. */
    SessionSpill then(SessionSpill later) {
        Objects.requireNonNull(later, "later");
        if (isEmpty()) {
            return later;
        }
        Map<String, Instant> pushed = new HashMap<>(pushedOff);
        later.pushedOff.forEach((session, until) -> pushed.merge(session, until, HeldSessions::longer));
        Set<String> gone = new HashSet<>(released);
        gone.removeAll(later.pushedOff.keySet());
        gone.addAll(later.released);
        return new SessionSpill(pushed, gone, pruneClosed || later.pruneClosed);
    }
}
