package com.anchorhealth.domain.sanction;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live sessions whose income an anchor's counted violations hold, each until its settlement
 * window closes ({@link com.anchorhealth.domain.policy.Policy#sessionHeldUntil}). What an anchor keeps
 * of them is bounded however many sessions it has had: a session leaves once its window closes, and
 * of the sessions still held only the {@link #KEPT} held longest are kept here (on the anchor's row
 * and in memory). The others are pushed off to the anchor's session store, and {@code spilledUntil}
 * says until when one of those may still be held: until then, a check of a session not kept here
 * asks the store.
 */
public record HeldSessions(Map<String, Instant> kept, Optional<Instant> spilledUntil) {
    /** Sessions kept with the anchor; a dozen or so sessions a month is already a heavy offender. */
    public static final int KEPT = 16;

    public static final HeldSessions NONE = new HeldSessions(Map.of(), Optional.empty());

    private static final Comparator<Map.Entry<String, Instant>> LONGEST_FIRST = Map.Entry.<String, Instant>comparingByValue()
            .reversed().thenComparing(Map.Entry.comparingByKey());

    /** Whether a session's income is held, as far as these sessions can say. */
    public enum Hold {
        HELD,
        NOT_HELD,
        /** The session may be among those pushed off: only the session store can say. */
        IN_STORE
    }

    /** Sessions pushed off, each with its hold, and the sessions left once that was done. */
    public record Kept(HeldSessions sessions, Map<String, Instant> pushedOff) {
        public Kept {
            Objects.requireNonNull(sessions, "sessions");
            pushedOff = Map.copyOf(pushedOff);
        }
    }

    public HeldSessions {
        kept = Map.copyOf(kept);
        Objects.requireNonNull(spilledUntil, "spilledUntil");
    }

    /**
     * Keeps the {@link #KEPT} sessions held longest of {@code holds} (session to held until), after
     * dropping those whose window has closed by {@code now}; the rest are pushed off.
     */
    public static Kept keeping(Map<String, Instant> holds, Optional<Instant> spilledUntil, Instant now) {
        List<Map.Entry<String, Instant>> open = holds.entrySet().stream()
                .filter(hold -> hold.getValue().isAfter(now))
                .sorted(LONGEST_FIRST)
                .toList();
        Map<String, Instant> kept = new HashMap<>();
        Map<String, Instant> pushedOff = new HashMap<>();
        Optional<Instant> spilled = spilledUntil.filter(until -> until.isAfter(now));
        for (Map.Entry<String, Instant> hold : open) {
            if (kept.size() < KEPT) {
                kept.put(hold.getKey(), hold.getValue());
            } else {
                pushedOff.put(hold.getKey(), hold.getValue());
                spilled = Optional.of(spilled.map(until -> longer(until, hold.getValue())).orElse(hold.getValue()));
            }
        }
        return new Kept(new HeldSessions(kept, spilled), pushedOff);
    }

    /** The longer of two holds of one session. */
    public static Instant longer(Instant one, Instant other) {
        return other.isAfter(one) ? other : one;
    }

    /**
     * Whether {@code session}'s income is held at {@code now}; the session is read as text only when
     * some session may be held.
     */
    public Hold holdOf(CharSequence session, Instant now) {
        if (isEmpty()) {
            return Hold.NOT_HELD;
        }
        Instant until = kept.get(session.toString());
        if (until != null) {
            // A pushed-off hold of the same session is older: it closed no later than this one.
            return until.isAfter(now) ? Hold.HELD : Hold.NOT_HELD;
        }
        return spilledUntil.filter(spilled -> spilled.isAfter(now)).isPresent() ? Hold.IN_STORE : Hold.NOT_HELD;
    }

    /** Whether no session may be held, whatever the time. */
    public boolean isEmpty() {
        return kept.isEmpty() && spilledUntil.isEmpty();
    }

    /** {@code session} held until {@code until} (or later, if it already is), those closed by {@code now} left out. */
    public Kept holding(String session, Instant until, Instant now) {
        Map<String, Instant> holds = new HashMap<>(kept);
        holds.merge(session, until, HeldSessions::longer);
        return keeping(holds, spilledUntil, now);
    }

    /** The sessions still held at {@code now}. */
    public Kept settledAt(Instant now) {
        return keeping(kept, spilledUntil, now);
    }

    /**
     * The sessions as a check of {@code session} needs them once the store has said how long it holds
     * that session ({@code stored}: empty when it holds it not at all): nothing is left in the store.
     */
    public HeldSessions resolving(String session, Optional<Instant> stored) {
        Map<String, Instant> known = new HashMap<>(kept);
        stored.ifPresent(until -> known.merge(session, until, HeldSessions::longer));
        return new HeldSessions(known, Optional.empty());
    }

    /** The kept sessions, held longest first (ties by id): the order they are stored in. */
    public List<Map.Entry<String, Instant>> inOrder() {
        return kept.entrySet().stream().sorted(LONGEST_FIRST).toList();
    }
}
