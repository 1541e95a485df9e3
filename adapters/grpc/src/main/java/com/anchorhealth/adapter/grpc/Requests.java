package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;

import java.time.Instant;
import java.util.Optional;

/** Parsing of request fields shared by every service: resource names and timestamps. */
final class Requests {
    private static final String ANCHORS = "anchors/";
    private static final String VIOLATIONS = "/violations/";
    private static final String APPEAL = "/appeal";
    private static final String GUILDS = "guilds/";
    private static final String ANCHOR_ID_SHAPE = "must be 1-64 characters of [A-Za-z0-9._-]";

    private Requests() {
    }

    static AnchorId anchorId(String value, String field) {
        if (!AnchorId.isValid(value)) {
            throw InvalidRequestException.of(field, ANCHOR_ID_SHAPE);
        }
        return new AnchorId(value);
    }

    /** Refuses an anchor id given as its UTF-8 bytes as {@link #anchorId(String, String)} refuses the string. */
    static void checkAnchorIdBytes(byte[] value, String field) {
        if (!AnchorId.isValid(value)) {
            throw InvalidRequestException.of(field, ANCHOR_ID_SHAPE);
        }
    }

    /** {@code anchors/{anchor_id}}. */
    static AnchorId anchorName(String name, String field) {
        return new AnchorId(idAfter(ANCHORS, name, field, "anchors/{anchor_id}"));
    }

    /** {@code anchors/{anchor_id}}, or {@code anchors/-} (empty) for every anchor, as AIP-159 reads a dash. */
    static Optional<AnchorId> anchorNameOrEvery(String name, String field) {
        return (ANCHORS + "-").equals(name) ? Optional.empty() : Optional.of(anchorName(name, field));
    }

    /** {@code guilds/{guild_id}}: the guild id (guild ids have the anchor ids' shape). */
    static String guildName(String name, String field) {
        return idAfter(GUILDS, name, field, "guilds/{guild_id}");
    }

    private static String idAfter(String collection, String name, String field, String shape) {
        if (name == null || !name.startsWith(collection) || !AnchorId.isValid(name.substring(collection.length()))) {
            throw InvalidRequestException.of(field, "must be " + shape);
        }
        return name.substring(collection.length());
    }

    /** {@code anchors/{anchor_id}/violations/{violation_id}}: the anchor and the violation id. */
    record ViolationName(AnchorId anchorId, String violationId) {
    }

    /** {@code anchors/{anchor_id}/violations/{violation_id}/appeal}: the violation it appeals. */
    static ViolationName appealName(String name, String field) {
        if (name == null || !name.endsWith(APPEAL)) {
            throw InvalidRequestException.of(field, "must be anchors/{anchor_id}/violations/{violation_id}/appeal");
        }
        return violationName(name.substring(0, name.length() - APPEAL.length()), field);
    }

    static ViolationName violationName(String name, String field) {
        int split = name == null ? -1 : name.indexOf(VIOLATIONS);
        String violationId = split < 0 ? "" : name.substring(split + VIOLATIONS.length());
        if (split < 0 || !violationId.matches("[0-9a-z]{1,32}")) {
            throw InvalidRequestException.of(field, "must be anchors/{anchor_id}/violations/{violation_id}");
        }
        return new ViolationName(anchorName(name.substring(0, split), field), violationId);
    }

    /** An optional timestamp: unset is empty; an out-of-range value is refused. */
    static Optional<Instant> instant(boolean present, Timestamp timestamp, String field) {
        if (!present) {
            return Optional.empty();
        }
        if (!Timestamps.isValid(timestamp)) {
            throw InvalidRequestException.of(field, "is not a valid timestamp");
        }
        return Optional.of(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
