package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A call done with serves the thread's next request, with nothing of the one before. */
class CheckCallTest {
    private static final CapabilityDecision ALLOWED = new CapabilityDecision(Capability.PK, true, true, true, true,
            Tier.NORMAL, 100, DecisionReason.TIER_ALLOWS, 3, true);
    private static final CapabilityDecision DENIED = new CapabilityDecision(Capability.GIFTS, false, true, false,
            true, Tier.SEVERELY_RESTRICTED, 12, DecisionReason.TIER_DENIES, 3, true);

    @Test
    void aCallDrainedAndClosedReadsTheThreadsNextRequestAfresh() throws IOException {
        CheckCall first = read("anchor-long-id-1", 2, "live-é-1");
        drainAndClose(first.answered(DENIED));

        CheckCall next = read("a-7", 4, "");
        assertSame(first, next, "reused");
        assertArrayEquals(utf8("a-7"), next.anchorId());
        assertEquals(4, next.capabilityNumber());
        assertNull(next.capability(), "not yet found valid");
        assertTrue(next.liveSession().isEmpty());
        assertArrayEquals(Messages.decision(new AnchorId("a-7"), ALLOWED).toByteArray(),
                drainAndClose(next.answered(ALLOWED)));

        CheckCall again = read("anchor-long-id-2", 2, "live-2");
        assertSame(first, again);
        assertEquals("live-2", again.liveSession().toString());
        assertArrayEquals(utf8("anchor-long-id-2"), again.anchorId());
    }

    /** The in-process transport hands the stream to its client, which may keep it: such a call is not reused. */
    @Test
    void aCallReadAsAStreamIsNotReused() throws IOException {
        CheckCall call = read("anchor-1", 2, "");
        try (var stream = call.answered(ALLOWED).handOut()) {
            stream.readAllBytes();
        }
        assertNotSame(call, read("anchor-2", 2, ""));
    }

    @Test
    void aCallClosedTwiceServesOneRequest() throws IOException {
        CheckCall call = read("anchor-1", 2, "");
        drainAndClose(call.answered(ALLOWED));
        call.close();
        CheckCall one = read("anchor-2", 2, "");
        CheckCall other = read("anchor-3", 2, "");
        assertSame(call, one);
        assertNotSame(one, other);
    }

    @Test
    void theLiveSessionIsCountedInCharactersNotBytes() {
        assertFalse(read("a", 4, "s".repeat(128)).liveSessionLongerThan(128));
        assertTrue(read("a", 4, "s".repeat(129)).liveSessionLongerThan(128));
        CheckCall threeBytesEach = read("a", 4, "主".repeat(128));
        assertFalse(threeBytesEach.liveSessionLongerThan(128));
        assertEquals("主".repeat(128), threeBytesEach.liveSession().toString());
        assertTrue(read("a", 4, "主".repeat(129)).liveSessionLongerThan(128));
    }

    /**
     * Many callers at once over Netty, the checks answered on its transport threads: each caller
     * reads the answer to its own request, whose id, capability and session the answer reflects.
     */
    @Test
    void concurrentCallersOverNettyEachReadTheirOwnAnswer() throws Exception {
        CheckCapability checks = mock(CheckCapability.class);
        when(checks.check(any(), any(CheckCapability.BytesQuery.class))).thenAnswer(invocation -> {
            CheckCapability.BytesQuery query = invocation.getArgument(1);
            return echo(query.capability(), query.liveSession().toString());
        });
        Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).directExecutor()
                .addService(new CapabilityGrpcService(checks, null, Runnable::run).definition()).build().start();
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(),
                InsecureChannelCredentials.create()).build();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            CapabilityServiceGrpc.CapabilityServiceBlockingStub stub = CapabilityServiceGrpc.newBlockingStub(channel);
            List<Future<Integer>> checked = new ArrayList<>();
            for (int caller = 0; caller < 16; caller++) {
                Random random = new Random(caller);
                checked.add(callers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String id = "anchor-" + "x".repeat(random.nextInt(40)) + random.nextInt(1000);
                        Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
                        String session = random.nextBoolean() ? "" : "live-" + random.nextInt(1_000_000);
                        Decision answer = stub.checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId(id)
                                .setCapability(com.anchorhealth.api.v1.Capability.valueOf(capability.name())).setLiveSessionId(session).build());
                        assertEquals(Messages.decision(new AnchorId(id), echo(capability, session)), answer);
                    }
                    return 500;
                }));
            }
            for (Future<Integer> caller : checked) {
                assertEquals(500, caller.get());
            }
        } finally {
            callers.shutdownNow();
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    /** A decision that says which capability and session it answers: the score is the session's length. */
    private static CapabilityDecision echo(Capability capability, String session) {
        return new CapabilityDecision(capability, true, false, true, false, Tier.NORMAL, session.length(),
                DecisionReason.TIER_ALLOWS, session.hashCode(), true);
    }

    private static CheckCall read(String id, int capability, String session) {
        byte[] idBytes = utf8(id);
        byte[] sessionBytes = utf8(session);
        byte[] request = new byte[idBytes.length + sessionBytes.length + 3];
        System.arraycopy(idBytes, 0, request, 3, idBytes.length);
        System.arraycopy(sessionBytes, 0, request, 3 + idBytes.length, sessionBytes.length);
        return CheckCall.reading(request, 3, idBytes.length, capability, 3 + idBytes.length, sessionBytes.length);
    }

    /** As gRPC's Netty transport sends a response: drained, then closed. */
    private static byte[] drainAndClose(CheckCall answered) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (var stream = answered.handOut()) {
            ((io.grpc.Drainable) stream).drainTo(wire);
        }
        return wire.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
