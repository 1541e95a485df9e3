package com.anchorhealth.server;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.feed.FeedRetention;
import com.anchorhealth.application.feed.FeedSubscribers;
import com.anchorhealth.application.feed.FeedTailer;
import com.anchorhealth.application.feed.WatchStandingChanges;
import com.anchorhealth.application.policy.SimulatePolicy;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.violation.BatchRecordViolations;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.AnchorWriter;
import com.anchorhealth.application.write.ForgetOldRequestKeys;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The application's wiring where it needs a choice: the clock, the ids, the writer threads and the
 * settings that bound retention. Every use case is built by its own {@code @Inject} constructor.
 */
final class ApplicationModule extends AbstractModule {

    /** Ticks in milliseconds: the store keeps milliseconds, so a retry sees exactly what was written. */
    @Provides
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Provides
    @Singleton
    IdGenerator ids(Clock clock) {
        return new TimeOrderedIds(clock);
    }

    @Provides
    @Singleton
    WriterThreads writerThreads() {
        return new WriterThreads();
    }

    @Provides
    @Singleton
    GroupCommit groupCommit(AnchorWriter writer, DomainMetrics metrics, WriterThreads writers) {
        return new GroupCommit(writer, metrics, writers.groupCommit(), WriterThreads.GROUP_COMMIT_WRITERS,
                writers.heldAnchorLanes());
    }

    @Provides
    @Named(BatchRecordViolations.PART_WRITERS)
    Executor batchPartWriters(WriterThreads writers) {
        return writers.batchParts();
    }

    @Provides
    @Named(SimulatePolicy.REPLAYERS)
    Executor simulationReplayers(WriterThreads writers) {
        return writers.simulationReplayers();
    }

    @Provides
    @Singleton
    ForgetOldRequestKeys forgetOldRequestKeys(IdempotencyKeys keys, Settings settings, Clock clock) {
        return new ForgetOldRequestKeys(keys, settings.requestKeyRetention(), ForgetOldRequestKeys.DEFAULT_BATCH,
                clock);
    }

    @Provides
    @Singleton
    FeedRetention feedRetention(StandingFeed feed, Settings settings, Clock clock) {
        return new FeedRetention(feed, settings.outboxRetention(), clock);
    }

    @Provides
    @Singleton
    ChangeFeed changeFeed(FeedTailer tailer, FeedRetention retention, FeedSubscribers subscribers) {
        return new ChangeFeed(tailer, retention, subscribers);
    }

    @Provides
    @Singleton
    WatchStandingChanges watchStandingChanges(StandingFeed feed, FeedSubscribers subscribers, PolicyBook policies,
                                              ChangeFeed changeFeed, ScopeChecks scopeChecks, Clock clock) {
        return new WatchStandingChanges(feed, subscribers, policies, changeFeed.readers(), scopeChecks, clock);
    }
}
