package com.anchorhealth.application.violation;

import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.violation.RecordedViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** Tells what a committed group wrote: the standing index learns each changed anchor, the metrics count it. */
@Singleton
final class ViolationPublisher {
    private final StandingIndex index;
    private final ChangesPublishedHere publishedHere;
    private final DomainMetrics metrics;

    @Inject
    ViolationPublisher(StandingIndex index, ChangesPublishedHere publishedHere, DomainMetrics metrics) {
        this.index = index;
        this.publishedHere = publishedHere;
        this.metrics = metrics;
    }

    /** Once the group has committed. */
    void publish(Collection<Anchor> newest, List<RecordedViolation> recorded, List<String> changeIds,
                 int guildsRemoved) {
        newest.forEach(anchor -> index.publish(anchor.anchorId(), anchor.score().ledgerSequence(), anchor.facts()));
        publishedHere.add(changeIds);
        metrics.violationsRecorded(recorded);
        for (int i = 0; i < guildsRemoved; i++) {
            metrics.guildRemoved();
        }
    }
}
