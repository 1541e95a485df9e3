package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.ThresholdWarning;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.feed.FeedCursors;
import com.anchorhealth.application.feed.WatchedChange;
import com.anchorhealth.application.write.AnchorNames;

import java.util.Optional;

import static com.anchorhealth.adapter.grpc.Messages.protoEnum;

/** The change feed in API terms: opaque cursors (a versioned feed position) and change messages. */
final class FeedMessages {
    private FeedMessages() {
    }

    static String cursor(long position) {
        return FeedCursors.of(position);
    }

    /** The position after which to watch; empty for an empty cursor, which means from now on. */
    static Optional<Long> afterPosition(String cursor) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FeedCursors.position(cursor).orElseThrow(
                () -> InvalidRequestException.of("after_cursor", "is not a cursor this service issued")));
    }

    static StandingChange standingChange(WatchedChange watched) {
        var change = watched.change();
        StandingChange.Builder builder = StandingChange.newBuilder()
                .setCursor(cursor(watched.position()))
                .setAnchorId(change.anchorId().value())
                .setOldScore(change.oldScore())
                .setNewScore(change.newScore())
                .setOldTier(protoEnum(change.oldTier(), Tier.class))
                .setNewTier(protoEnum(change.newTier(), Tier.class))
                .setCause(protoEnum(change.cause(), StandingChange.Cause.class))
                .setViolation(change.violationId().map(id -> AnchorNames.violation(change.anchorId(), id)).orElse(""))
                .setAnchorSequence(change.anchorSequence())
                .setChangeTime(Requests.timestamp(change.createdAt()));
        change.deniedCapabilities().stream().sorted()
                .forEach(c -> builder.addDeniedCapabilities(protoEnum(c, com.anchorhealth.api.v1.Capability.class)));
        watched.warning().ifPresent(warning -> builder.setWarning(ThresholdWarning.newBuilder()
                .setNextTierDown(protoEnum(warning.nextTierDown(), Tier.class))
                .setThreshold(warning.threshold())
                .setPointsToNextThreshold(warning.pointsToNextThreshold())));
        return builder.build();
    }
}
