package com.anchorhealth.application.violation;

import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.violation.RecordedViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * Tells what a committed group wrote: the standing index learns each changed anchor, the metrics count
 * it, and the feed's relay wakes for its changes.
 */
@Singleton
final class ViolationPublisher {
    private final StandingIndex index;
    private final ChangesPublishedHere publishedHere;
    private final DomainMetrics metrics;
    private final CommitSignal commits;

    @Inject
    ViolationPublisher(StandingIndex index, ChangesPublishedHere publishedHere, DomainMetrics metrics,
                       CommitSignal commits) {
        this.index = index;
        this.publishedHere = publishedHere;
        this.metrics = metrics;
        this.commits = commits;
    }

    /** Once the group has committed. */
    void publish(Collection<Anchor> newest, List<RecordedViolation> recorded, List<PositionedChange> changes,
                 int guildsRemoved) {
        newest.forEach(anchor -> index.publish(anchor.anchorId(), anchor.score().ledgerSequence(), anchor.facts()));
        publishedHere.add(changes);
        if (!changes.isEmpty()) {
            commits.committed();
        }
        metrics.violationsRecorded(recorded);
        for (int i = 0; i < guildsRemoved; i++) {
            metrics.guildRemoved();
        }
    }
}
