package com.anchorhealth.application.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursor every copy of a change carries, whichever way it leaves the service (a watch, the
 * Kafka topic), so that a consumer can resume a watch right after any change it holds: a versioned
 * feed position, base64url.
 */
public final class FeedCursors {
    private static final String VERSION = "f1:";

    private FeedCursors() {
    }

    public static String of(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of this service names; empty for anything else. */
    public static Optional<Long> position(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(VERSION)) {
                long position = Long.parseLong(decoded.substring(VERSION.length()));
                if (position >= 0) {
                    return Optional.of(position);
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64, or not a number: not a cursor of this service.
        }
        return Optional.empty();
    }
}
