package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.AnchorGrpcService;
import com.anchorhealth.adapter.grpc.AuthorizationInterceptor;
import com.anchorhealth.adapter.grpc.CapabilityGrpcService;
import com.anchorhealth.adapter.grpc.ConcurrentCallLimit;
import com.anchorhealth.adapter.grpc.GuildGrpcService;
import com.anchorhealth.adapter.grpc.PageTokens;
import com.anchorhealth.adapter.grpc.PolicyGrpcService;
import com.anchorhealth.adapter.grpc.ProtoPolicyCodec;
import com.anchorhealth.adapter.grpc.UnexpectedErrorInterceptor;
import com.anchorhealth.adapter.grpc.ViolationGrpcService;
import com.anchorhealth.adapter.persistence.JooqServiceSecrets;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.application.anchor.AdjustScore;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.anchor.ListScoreEvents;
import com.anchorhealth.application.anchor.UpsertAnchor;
import com.anchorhealth.application.anchor.VerifyScores;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.appeal.FileAppeal;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.feed.WatchStandingChanges;
import com.anchorhealth.application.guild.ListGuildEvents;
import com.anchorhealth.application.guild.ListPublicNotices;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.policy.PublishPolicy;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.policy.SimulatePolicy;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.violation.BatchRecordViolations;
import com.anchorhealth.application.violation.RecordViolation;
import com.anchorhealth.application.violation.ListViolations;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;

import java.util.List;

/** The gRPC services and interceptors the server serves, plus health checking and reflection. */
final class GrpcModule extends AbstractModule {

    @Provides
    @Singleton
    ProtoPolicyCodec protoPolicyCodec() {
        return new ProtoPolicyCodec();
    }

    @Provides
    @Singleton
    PolicyCodec policyCodec(ProtoPolicyCodec codec) {
        return codec;
    }

    @Provides
    @Singleton
    HealthStatusManager health() {
        return new HealthStatusManager();
    }

    /** Signed with a key kept in the store, so that every instance on it accepts the others' tokens. */
    @Provides
    @Singleton
    PageTokens pageTokens(JooqServiceSecrets secrets) {
        return new PageTokens(secrets.pageTokenKey());
    }

    @ProvidesIntoSet
    BindableService anchorService(UpsertAnchor upsert, AdjustScore adjust, GetAnchor get, ListAnchors list,
                                  ListScoreEvents events, VerifyScores verify, CompleteLearningTask learningTask,
                                  PageTokens pageTokens) {
        return new AnchorGrpcService(upsert, adjust, get, list, events, verify, learningTask, pageTokens);
    }

    @ProvidesIntoSet
    BindableService violationService(RecordViolation recordViolation, BatchRecordViolations batch, ListViolations list,
                                     FileAppeal fileAppeal, DecideAppeal decideAppeal, ReadAppeals readAppeals,
                                     PageTokens pageTokens) {
        return new ViolationGrpcService(recordViolation, batch, list, fileAppeal, decideAppeal, readAppeals,
                pageTokens)::cappedDefinition;
    }

    @ProvidesIntoSet
    BindableService capabilityService(CheckCapability check, WatchStandingChanges watch, WriterThreads threads) {
        return new CapabilityGrpcService(check, watch, threads.sessionStoreChecks())::definition;
    }

    @ProvidesIntoSet
    BindableService guildService(ManageGuilds manage, RecordGuildViolation record, ListPublicNotices notices,
                                 ListGuildEvents events, PageTokens pageTokens) {
        return new GuildGrpcService(manage, record, notices, events, pageTokens);
    }

    @ProvidesIntoSet
    BindableService policyService(ReadPolicies readPolicies, PublishPolicy publishPolicy,
                                  SimulatePolicy simulatePolicy, PageTokens pageTokens) {
        return new PolicyGrpcService(readPolicies, publishPolicy, simulatePolicy, pageTokens);
    }

    @ProvidesIntoSet
    BindableService healthService(HealthStatusManager health) {
        return health.getHealthService();
    }

    @ProvidesIntoSet
    BindableService reflectionV1() {
        return ProtoReflectionServiceV1.newInstance();
    }

    /** The v1alpha reflection service, still the only one older grpcurl versions speak. */
    @ProvidesIntoSet
    @SuppressWarnings("deprecation")
    BindableService reflectionV1Alpha() {
        return ProtoReflectionService.newInstance();
    }

    @Provides
    @Singleton
    HealthWatches healthWatches() {
        return new HealthWatches();
    }

    /**
     * In the order gRPC applies them, the last running first: every call is observed (in flight, access
     * line) and measured, refused ones included; whatever escapes inside becomes INTERNAL; no call
     * reaches a service before its caller is authorized; the calls that need no token (health
     * watches, public notices) are limited in number, and each caller's feed watches; health watches
     * are kept to be ended on stop.
     */
    @Provides
    @Singleton
    List<ServerInterceptor> interceptors(Settings settings, TokensFile tokens, MetricCollectingServerInterceptor metrics,
                                         CallObserver callObserver, HealthWatches healthWatches) {
        return List.of(healthWatches, new ConcurrentCallLimit(HealthGrpc.getWatchMethod().getFullMethodName(),
                        settings.limits().maxHealthWatches()),
                new ConcurrentCallLimit(GuildServiceGrpc.getListPublicNoticesMethod().getFullMethodName(),
                        settings.limits().maxPublicReads()),
                ConcurrentCallLimit.perCaller(CapabilityServiceGrpc.getWatchStandingChangesMethod().getFullMethodName(),
                        settings.limits().maxWatchesPerCaller()),
                new AuthorizationInterceptor(tokens), new UnexpectedErrorInterceptor(), metrics, callObserver);
    }
}
