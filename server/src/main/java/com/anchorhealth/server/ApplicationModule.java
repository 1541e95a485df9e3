package com.anchorhealth.server;

import com.anchorhealth.application.feed.FeedRetention;
import com.anchorhealth.application.feed.FeedSubscribers;
import com.anchorhealth.application.feed.FeedTailer;
import com.anchorhealth.application.feed.WatchStandingChanges;
import com.anchorhealth.application.port.out.AnchorChanges;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Appeals;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.PolicyCodec;
import com.anchorhealth.application.port.out.PolicyVersions;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.RecoveryCredits;
import com.anchorhealth.application.port.out.StandingFeed;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.usecase.AppealViolations;
import com.anchorhealth.application.usecase.BatchRecordViolations;
import com.anchorhealth.application.usecase.CheckCapability;
import com.anchorhealth.application.usecase.CompleteLearningTask;
import com.anchorhealth.application.usecase.FollowPolicies;
import com.anchorhealth.application.usecase.ForgetOldRequestKeys;
import com.anchorhealth.application.usecase.GetAnchor;
import com.anchorhealth.application.usecase.GroupCommit;
import com.anchorhealth.application.usecase.GuildPenalties;
import com.anchorhealth.application.usecase.InitializePolicy;
import com.anchorhealth.application.usecase.ListAnchors;
import com.anchorhealth.application.usecase.ListPublicNotices;
import com.anchorhealth.application.usecase.ListScoreEvents;
import com.anchorhealth.application.usecase.ListViolations;
import com.anchorhealth.application.usecase.ManageGuilds;
import com.anchorhealth.application.usecase.PublishPolicy;
import com.anchorhealth.application.usecase.ReadPolicies;
import com.anchorhealth.application.usecase.RecordGuildViolation;
import com.anchorhealth.application.usecase.ViolationWriter;
import com.anchorhealth.application.usecase.RecoverScores;
import com.anchorhealth.application.usecase.SimulatePolicy;
import com.anchorhealth.application.usecase.UpsertAnchor;
import com.anchorhealth.application.usecase.VerifyScores;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The use cases and the in-memory state they share, over whatever ports are bound. */
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
    PolicyBook policyBook() {
        return new PolicyBook();
    }

    @Provides
    @Singleton
    StandingIndex standingIndex() {
        return new StandingIndex();
    }

    @Provides
    @Singleton
    StandingReader standingReader(Ledger ledger, Violations violations, PolicyBook policies) {
        return new StandingReader(ledger, violations, policies);
    }

    @Provides
    @Singleton
    InitializePolicy initializePolicy(PolicyVersions versions, PolicyBook policies, Clock clock) {
        return new InitializePolicy(versions, policies, clock);
    }

    @Provides
    @Singleton
    UpsertAnchor upsertAnchor(Transactions transactions, Anchors anchors, Ledger ledger, Guilds guilds,
                              IdempotencyKeys keys, StandingOutbox outbox, IdGenerator ids, PolicyBook policies,
                              StandingIndex index, StandingReader standings, Clock clock) {
        return new UpsertAnchor(transactions, anchors, ledger, guilds, keys, outbox, ids, policies, index, standings,
                clock);
    }

    @Provides
    @Singleton
    GuildPenalties guildPenalties(Guilds guilds, Anchors anchors, PublicNotices notices, IdGenerator ids) {
        return new GuildPenalties(guilds, anchors, notices, ids);
    }

    @Provides
    @Singleton
    ViolationWriter violationWriter(Transactions transactions, AnchorChanges changes, IdempotencyKeys keys,
                                    StandingOutbox outbox, IdGenerator ids, GuildPenalties penalties,
                                    PolicyBook policies, StandingIndex index, Violations violations,
                                    StandingReader standings, Clock clock) {
        return new ViolationWriter(transactions, changes, keys, outbox, ids, penalties, policies, index, violations,
                standings, clock);
    }

    @Provides
    @Singleton
    RecoverScores recoverScores(Transactions transactions, Anchors anchors, Ledger ledger, RecoveryCredits credits,
                                StandingOutbox outbox, IdGenerator ids, PolicyBook policies, StandingIndex index,
                                Clock clock) {
        return new RecoverScores(transactions, anchors, ledger, credits, outbox, ids, policies, index, clock);
    }

    @Provides
    @Singleton
    CompleteLearningTask completeLearningTask(Transactions transactions, Anchors anchors, Ledger ledger,
                                              RecoveryCredits credits, IdempotencyKeys keys, StandingOutbox outbox,
                                              IdGenerator ids, PolicyBook policies, StandingIndex index,
                                              StandingReader standings, Clock clock) {
        return new CompleteLearningTask(transactions, anchors, ledger, credits, keys, outbox, ids, policies, index,
                standings, clock);
    }

    @Provides
    @Singleton
    ManageGuilds manageGuilds(Transactions transactions, Guilds guilds, Anchors anchors, IdempotencyKeys keys,
                              PolicyBook policies, Clock clock) {
        return new ManageGuilds(transactions, guilds, anchors, keys, policies, clock);
    }

    @Provides
    @Singleton
    RecordGuildViolation recordGuildViolation(Transactions transactions, Guilds guilds, Anchors anchors,
                                              PublicNotices notices, IdempotencyKeys keys, IdGenerator ids,
                                              PolicyBook policies, Clock clock) {
        return new RecordGuildViolation(transactions, guilds, anchors, notices, keys, ids, policies, clock);
    }

    @Provides
    @Singleton
    ListPublicNotices listPublicNotices(PublicNotices notices) {
        return new ListPublicNotices(notices);
    }

    @Provides
    @Singleton
    AppealViolations appealViolations(Transactions transactions, Anchors anchors, Violations violations,
                                      Appeals appeals, Ledger ledger, IdempotencyKeys keys, StandingOutbox outbox,
                                      IdGenerator ids, Guilds guilds, PublicNotices notices, PolicyBook policies,
                                      StandingIndex index, StandingReader standings, Clock clock) {
        return new AppealViolations(transactions, anchors, violations, appeals, ledger, keys, outbox, ids, guilds,
                notices, policies, index, standings, clock);
    }

    @Provides
    @Singleton
    GroupCommitWriters groupCommitWriters() {
        return new GroupCommitWriters();
    }

    @Provides
    @Singleton
    GroupCommit groupCommit(ViolationWriter writer, GroupCommitWriters writers) {
        return new GroupCommit(writer, writers.executor(), GroupCommitWriters.WRITERS);
    }

    @Provides
    @Singleton
    BatchRecordViolations batchRecordViolations(ViolationWriter writer) {
        return new BatchRecordViolations(writer);
    }

    @Provides
    @Singleton
    GetAnchor getAnchor(Anchors anchors, StandingReader standings, Clock clock) {
        return new GetAnchor(anchors, standings, clock);
    }

    @Provides
    @Singleton
    ListAnchors listAnchors(Anchors anchors, PolicyBook policies, StandingIndex index, Clock clock) {
        return new ListAnchors(anchors, policies, index, clock);
    }

    @Provides
    @Singleton
    ListViolations listViolations(Anchors anchors, Violations violations, StandingReader standings) {
        return new ListViolations(anchors, violations, standings);
    }

    @Provides
    @Singleton
    ListScoreEvents listScoreEvents(Anchors anchors, Ledger ledger) {
        return new ListScoreEvents(anchors, ledger);
    }

    @Provides
    @Singleton
    CheckCapability checkCapability(StandingIndex index, PolicyBook policies, Clock clock) {
        return new CheckCapability(index, policies, clock);
    }

    @Provides
    @Singleton
    FollowPolicies followPolicies(PolicyVersions versions, PolicyBook policies) {
        return new FollowPolicies(versions, policies);
    }

    @Provides
    @Singleton
    PublishPolicy publishPolicy(Transactions transactions, PolicyVersions versions, IdempotencyKeys keys,
                                PolicyCodec codec, PolicyBook policies, Clock clock) {
        return new PublishPolicy(transactions, versions, keys, codec, policies, clock);
    }

    @Provides
    @Singleton
    SimulatePolicy simulatePolicy(Anchors anchors, Violations violations, Ledger ledger, PolicyBook policies,
                                  Clock clock) {
        return new SimulatePolicy(anchors, violations, ledger, policies, clock);
    }

    @Provides
    @Singleton
    ReadPolicies readPolicies(PolicyBook policies, Clock clock) {
        return new ReadPolicies(policies, clock);
    }

    @Provides
    @Singleton
    VerifyScores verifyScores(Anchors anchors, Ledger ledger) {
        return new VerifyScores(anchors, ledger);
    }

    @Provides
    @Singleton
    FeedSubscribers feedSubscribers() {
        return new FeedSubscribers();
    }

    @Provides
    @Singleton
    FeedTailer feedTailer(StandingFeed feed, Anchors anchors, StandingIndex index, FeedSubscribers subscribers) {
        return new FeedTailer(feed, anchors, index, subscribers);
    }

    @Provides
    @Singleton
    ForgetOldRequestKeys forgetOldRequestKeys(IdempotencyKeys keys, Settings settings, Clock clock) {
        return new ForgetOldRequestKeys(keys, settings.requestKeyRetention(), clock);
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
                                              ChangeFeed changeFeed) {
        return new WatchStandingChanges(feed, subscribers, policies, changeFeed.readers());
    }
}
