package com.anchorhealth.application.port.out;

import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.time.Duration;
import java.util.List;

/** What the writes did, told once they committed, for the counters operators watch. */
public interface DomainMetrics {
    void violationsRecorded(List<RecordedViolation> violations);

    /** A standing change seen on the change feed (each instance sees every instance's changes). */
    void standingChanged(StandingChange change);

    void guildRemoved();

    void appealDecided(AppealDecision decision);

    /** A shared transaction of group commit: how many calls it carried, how long the first had waited for it. */
    void groupWritten(int calls, Duration oldestWait);
}
