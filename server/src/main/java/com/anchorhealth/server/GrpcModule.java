package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.AnchorGrpcService;
import com.anchorhealth.adapter.grpc.AuthorizationInterceptor;
import com.anchorhealth.adapter.grpc.CapabilityGrpcService;
import com.anchorhealth.adapter.grpc.GuildGrpcService;
import com.anchorhealth.adapter.grpc.PolicyGrpcService;
import com.anchorhealth.adapter.grpc.ProtoPolicyCodec;
import com.anchorhealth.adapter.grpc.UnexpectedErrorInterceptor;
import com.anchorhealth.adapter.grpc.ViolationGrpcService;
import com.anchorhealth.application.port.out.PolicyCodec;
import com.anchorhealth.application.feed.WatchStandingChanges;
import com.anchorhealth.application.usecase.AppealViolations;
import com.anchorhealth.application.usecase.BatchRecordViolations;
import com.anchorhealth.application.usecase.CheckCapability;
import com.anchorhealth.application.usecase.CompleteLearningTask;
import com.anchorhealth.application.usecase.GetAnchor;
import com.anchorhealth.application.usecase.GroupCommit;
import com.anchorhealth.application.usecase.ListAnchors;
import com.anchorhealth.application.usecase.ListPublicNotices;
import com.anchorhealth.application.usecase.ListScoreEvents;
import com.anchorhealth.application.usecase.ListViolations;
import com.anchorhealth.application.usecase.ManageGuilds;
import com.anchorhealth.application.usecase.PublishPolicy;
import com.anchorhealth.application.usecase.ReadPolicies;
import com.anchorhealth.application.usecase.RecordGuildViolation;
import com.anchorhealth.application.usecase.SimulatePolicy;
import com.anchorhealth.application.usecase.UpsertAnchor;
import com.anchorhealth.application.usecase.VerifyScores;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
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

    @ProvidesIntoSet
    BindableService anchorService(UpsertAnchor upsert, GetAnchor get, ListAnchors list, ListScoreEvents events,
                                  VerifyScores verify, CompleteLearningTask learningTask) {
        return new AnchorGrpcService(upsert, get, list, events, verify, learningTask);
    }

    @ProvidesIntoSet
    BindableService violationService(GroupCommit groupCommit, BatchRecordViolations batch, ListViolations list,
                                     AppealViolations appeals) {
        return new ViolationGrpcService(groupCommit, batch, list, appeals);
    }

    @ProvidesIntoSet
    BindableService capabilityService(CheckCapability check, WatchStandingChanges watch) {
        return new CapabilityGrpcService(check, watch);
    }

    @ProvidesIntoSet
    BindableService guildService(ManageGuilds manage, RecordGuildViolation record, ListPublicNotices notices) {
        return new GuildGrpcService(manage, record, notices);
    }

    @ProvidesIntoSet
    BindableService policyService(ReadPolicies readPolicies, PublishPolicy publishPolicy,
                                  SimulatePolicy simulatePolicy) {
        return new PolicyGrpcService(readPolicies, publishPolicy, simulatePolicy);
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

    /**
     * In the order gRPC applies them, the last running first: every call is observed (in flight, access
     * line) and measured, refused ones included; whatever escapes inside becomes INTERNAL, and no call
     * reaches a service before its caller is authorized.
     */
    @Provides
    @Singleton
    List<ServerInterceptor> interceptors(Settings settings, MetricCollectingServerInterceptor metrics,
                                         CallObserver callObserver) {
        return List.of(new AuthorizationInterceptor(settings.tokens()), new UnexpectedErrorInterceptor(), metrics,
                callObserver);
    }
}
