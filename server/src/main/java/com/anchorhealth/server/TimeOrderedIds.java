package com.anchorhealth.server;

import com.anchorhealth.application.port.out.IdGenerator;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 25-character ids of [0-9a-v]: 13 characters of milliseconds since the epoch then 12 random ones
 * (60 bits), so ids sort by creation time to the millisecond and never collide across instances.
 */
final class TimeOrderedIds implements IdGenerator {
    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final int TIME_CHARS = 13;
    private static final int RANDOM_CHARS = 12;

    private final Clock clock;

    TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newId() {
        char[] id = new char[TIME_CHARS + RANDOM_CHARS];
        long millis = clock.millis();
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            id[i] = DIGITS[(int) (millis & 31)];
            millis >>>= 5;
        }
        // Uniqueness, not secrecy: ThreadLocalRandom never blocks on entropy and has no shared lock.
        long bits = ThreadLocalRandom.current().nextLong();
        for (int i = TIME_CHARS; i < id.length; i++) {
            id[i] = DIGITS[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }
}
