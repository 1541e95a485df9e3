package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationInterceptorTest {
    /** printf '%s' reader-secret | sha256sum */
    private static final BearerTokens TOKENS = BearerTokens.parse(
            "f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914 reader recommendation");

    /** Answers every call with the actor it runs as, so the tests see who the server thinks calls. */
    private static final AnchorServiceGrpc.AnchorServiceImplBase ECHO_ACTOR = new AnchorServiceGrpc.AnchorServiceImplBase() {
        @Override
        public void getAnchor(GetAnchorRequest request, StreamObserver<Anchor> observer) {
            observer.onNext(Anchor.newBuilder().setDisplayName(Callers.actor()).build());
            observer.onCompleted();
        }

        @Override
        public void upsertAnchor(UpsertAnchorRequest request, StreamObserver<Anchor> observer) {
            getAnchor(GetAnchorRequest.getDefaultInstance(), observer);
        }
    };

    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void theTokensActorIsTheCallerOfTheService() throws IOException {
        serve(TOKENS);
        assertEquals("recommendation", stub("Bearer reader-secret").getAnchor(GetAnchorRequest.getDefaultInstance())
                .getDisplayName());
        assertEquals("recommendation", stub("bearer reader-secret").getAnchor(GetAnchorRequest.getDefaultInstance())
                .getDisplayName(), "the scheme is case-insensitive");
    }

    @Test
    void withoutTokensConfiguredEveryCallerIsAnonymous() throws IOException {
        serve(BearerTokens.none());
        assertEquals(Callers.ANONYMOUS, stub(null).upsertAnchor(UpsertAnchorRequest.getDefaultInstance())
                .getDisplayName());
    }

    @Test
    void aMissingMalformedOrUnknownTokenIsUnauthenticated() throws IOException {
        serve(TOKENS);
        assertRefused(Code.UNAUTHENTICATED, "BEARER_TOKEN_MISSING", "missing bearer token",
                () -> stub(null).getAnchor(GetAnchorRequest.getDefaultInstance()));
        assertRefused(Code.UNAUTHENTICATED, "BEARER_TOKEN_MALFORMED", "must be 'Bearer <token>'",
                () -> stub("Basic cmVhZGVyOnNlY3JldA==").getAnchor(GetAnchorRequest.getDefaultInstance()));
        assertRefused(Code.UNAUTHENTICATED, "BEARER_TOKEN_UNKNOWN", "unknown bearer token",
                () -> stub("Bearer guessed").getAnchor(GetAnchorRequest.getDefaultInstance()));
    }

    @Test
    void aRoleThatDoesNotCoverTheMethodIsDenied() throws IOException {
        serve(TOKENS);
        assertRefused(Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", "recommendation (role reader) may not call "
                        + "anchorhealth.v1.AnchorService/UpsertAnchor: it needs the role moderator or guild_manager or ingest",
                () -> stub("Bearer reader-secret").upsertAnchor(UpsertAnchorRequest.getDefaultInstance()));
        assertRefused(Code.PERMISSION_DENIED, "ROLE_NOT_PERMITTED", "needs the role admin",
                () -> stub("Bearer reader-secret").verifyScores(VerifyScoresRequest.getDefaultInstance()));
    }

    @Test
    void anEmptyBearerTokenIsUnknown() throws IOException {
        serve(TOKENS);
        assertRefused(Code.UNAUTHENTICATED, "BEARER_TOKEN_UNKNOWN", "unknown bearer token",
                () -> stub("Bearer ").getAnchor(GetAnchorRequest.getDefaultInstance()));
    }

    @Test
    void refusedCallsAreLoggedAtMostOneLineASecond() throws IOException {
        serve(TOKENS);
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(AuthorizationInterceptor.class.getName());
        log.addHandler(capture);
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                assertThrows(StatusRuntimeException.class,
                        () -> stub("Bearer guessed").getAnchor(GetAnchorRequest.getDefaultInstance()));
            }
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "within a second");
            assertEquals(1, lines.size(), String.valueOf(lines));
            assertTrue(lines.get(0).startsWith("refused anchorhealth.v1.AnchorService/GetAnchor from ")
                    && lines.get(0).endsWith("UNAUTHENTICATED unknown bearer token"), lines.get(0));
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void theTokensInForceAreReadForEveryCall() throws IOException {
        AtomicReference<BearerTokens> inForce = new AtomicReference<>(TOKENS);
        serve(inForce::get);
        assertThrows(StatusRuntimeException.class, () -> stub("Bearer admin-secret").getAnchor(GetAnchorRequest
                .getDefaultInstance()));
        // printf '%s' admin-secret | sha256sum
        inForce.set(BearerTokens.parse("16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01 admin ops"));
        assertEquals("ops", stub("Bearer admin-secret").getAnchor(GetAnchorRequest.getDefaultInstance())
                .getDisplayName());
    }

    private void serve(BearerTokens tokens) throws IOException {
        serve(() -> tokens);
    }

    private void serve(Supplier<BearerTokens> tokens) throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(ECHO_ACTOR, new AuthorizationInterceptor(tokens)))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    private AnchorServiceGrpc.AnchorServiceBlockingStub stub(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(AuthorizationInterceptor.AUTHORIZATION, authorization);
        }
        return AnchorServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void assertRefused(Code code, String reason, String message, Runnable call) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(code.getNumber(), status.getCode());
        assertTrue(status.getMessage().contains(message), status.getMessage());
        assertEquals(reason, status.getDetailsList().stream().filter(detail -> detail.is(ErrorInfo.class))
                .map(detail -> {
                    try {
                        return detail.unpack(ErrorInfo.class).getReason();
                    } catch (InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                }).findFirst().orElse("no ErrorInfo"));
    }
}
