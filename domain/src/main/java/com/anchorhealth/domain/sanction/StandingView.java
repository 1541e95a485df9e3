package com.anchorhealth.domain.sanction;

/**
 * What the capability rules read of an anchor's standing facts: {@link StandingFacts} itself, or a
 * reader's view of the same facts as a store keeps them, so that a check need not build a record of
 * facts it already holds in another form.
 */
public interface StandingView {
    int score();

    int initialScore();

    boolean sellingRevoked();

    HeldSessions heldSessions();

    /** Whether the last counted violation occurred after the instant of these epoch seconds and nanoseconds. */
    boolean lastViolationAfter(long epochSecond, int nano);

    /** Whether the instant of {@code second} and {@code nano} is after that of {@code thanSecond} and {@code thanNano}. */
    static boolean isAfter(long second, int nano, long thanSecond, int thanNano) {
        return second > thanSecond || second == thanSecond && nano > thanNano;
    }
}
