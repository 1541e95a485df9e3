package com.anchorhealth.application.standing;

import com.anchorhealth.application.port.out.feed.PositionedChange;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The standing changes this server committed, at the feed positions its writes learnt in their own
 * round trips, once their anchors' facts are in the index: the feed's tailer takes them from here
 * instead of reading them back, and reads the store only between them (another server's changes, and
 * this server's that reached here after the tailer had passed them). Bounded: only the newest
 * {@value #CAP} positions are kept.
 */
@Singleton
public final class ChangesPublishedHere {
    static final int CAP = 100_000;

    private final ConcurrentSkipListMap<Long, PositionedChange> byPosition = new ConcurrentSkipListMap<>();

    /** Once the changes are committed and their anchors' facts are in the index. */
    public void add(List<PositionedChange> committed) {
        if (committed.isEmpty()) {
            return;
        }
        committed.forEach(change -> byPosition.put(change.position(), change));
        byPosition.headMap(committed.get(committed.size() - 1).position() - CAP).clear();
    }

    /**
     * Takes this server's changes from position {@code from} on while they follow one another without
     * a gap, up to position {@code through} and at most {@code max} of them.
     */
    public List<PositionedChange> takeRun(long from, long through, int max) {
        List<PositionedChange> run = new ArrayList<>();
        for (long position = from; position <= through && run.size() < max; position++) {
            PositionedChange change = byPosition.remove(position);
            if (change == null) {
                break;
            }
            run.add(change);
        }
        return run;
    }

    /** The first position after {@code position} that holds a change of this server's, if any. */
    public OptionalLong firstAfter(long position) {
        Long next = byPosition.higherKey(position);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** Forgets the changes up to {@code position}: the tailer has passed them. */
    public void forgetThrough(long position) {
        byPosition.headMap(position, true).clear();
    }
}
