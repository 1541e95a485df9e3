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
import io.grpc.Drainable;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The decision written straight to the wire must be, byte for byte, the message protobuf builds. */
class DecisionMarshallerTest {
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    /** Ids the wire takes though no anchor has them: empty, two- three- and four-byte UTF-8, a lone surrogate. */
    private static final String[] SPLICED_IDS = {"", "é", "主播-42", "🎤live", "a\uD800b", "\uDFFF", "ü".repeat(200)};
    private static final long[] POLICY_VERSIONS = {0, 1, 127, 128, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1,
            Long.MIN_VALUE};
    private static final int[] SCORES = {0, 1, 12, 127, 128, 1023, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};

    private final Random random = new Random(22);

    @Test
    void everyAnswerIsTheBytesOfTheProtobufBuiltDecision() throws IOException {
        int compared = 0;
        for (Capability capability : Capability.values()) {
            for (Tier tier : Tier.values()) {
                for (DecisionReason reason : DecisionReason.values()) {
                    for (int flags = 0; flags < 1 << 5; flags++) {
                        CapabilityDecision decision = decision(capability, tier, reason, flags);
                        AnchorId id = new AnchorId(anchorId());
                        assertSameBytes(Messages.decision(id, decision).toByteArray(), () -> DecisionMarshaller.INSTANCE
                                .stream(answer(id.value(), decision)));
                        compared++;
                    }
                }
            }
        }
        assertEquals(7 * 4 * 8 * 32, compared);
    }

    @Test
    void anyIdSplicedIntoAnAnswerIsTheBytesOfTheProtobufBuiltDecision() throws IOException {
        for (String id : SPLICED_IDS) {
            for (int i = 0; i < 200; i++) {
                CapabilityDecision decision = decision(pick(Capability.values()), pick(Tier.values()),
                        pick(DecisionReason.values()), random.nextInt(1 << 5));
                Decision expected = Messages.decision(new AnchorId("a"), decision).toBuilder().setAnchorId(id).build();
                assertSameBytes(expected.toByteArray(),
                        () -> answer(id, decision));
            }
        }
    }

    /** An answered call is its own stream once; asked for a stream again, it gives a fresh one of the same bytes. */
    @Test
    void anAnswerAskedForAgainIsStreamedAfresh() throws IOException {
        CapabilityDecision decision = decision(Capability.PK, Tier.NORMAL, DecisionReason.TIER_ALLOWS, 0b11111);
        CheckCall answer = answer("anchor-7", decision);
        byte[] expected = Messages.decision(new AnchorId("anchor-7"), decision).toByteArray();
        InputStream first = DecisionMarshaller.INSTANCE.stream(answer);
        InputStream second = DecisionMarshaller.INSTANCE.stream(answer);
        assertSame(answer, first);
        assertArrayEquals(expected, first.readAllBytes());
        assertArrayEquals(expected, second.readAllBytes());
    }

    /** Through a server and a client of the generated stub, as callers read it. */
    @Test
    void aCallerReadsTheAnswerAsTheDecisionMessage() throws Exception {
        CheckCapability checks = mock(CheckCapability.class);
        CapabilityDecision answer =
                decision(Capability.GIFTS, Tier.SEVERELY_RESTRICTED, DecisionReason.TIER_DENIES, 0b10110);
        AnchorId asked = new AnchorId(anchorId());
        when(checks.check(any(), any(CheckCapability.BytesQuery.class))).thenReturn(answer);
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new CapabilityGrpcService(checks, null, Runnable::run).definition()).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            Decision received = CapabilityServiceGrpc.newBlockingStub(channel).checkCapability(CheckCapabilityRequest
                    .newBuilder().setAnchorId(asked.value())
                    .setCapability(com.anchorhealth.api.v1.Capability.GIFTS).build());
            assertEquals(Messages.decision(asked, answer), received);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    /** Every flag from a bit of {@code flags}; score, version and id drawn, with the edges of their encodings. */
    private CapabilityDecision decision(Capability capability, Tier tier, DecisionReason reason, int flags) {
        int score = random.nextBoolean() ? pick(SCORES) : random.nextInt(101);
        long policyVersion = random.nextBoolean() ? POLICY_VERSIONS[random.nextInt(POLICY_VERSIONS.length)]
                : random.nextLong();
        return new CapabilityDecision(capability, (flags & 1) != 0, (flags & 2) != 0,
                (flags & 4) != 0, (flags & 8) != 0, tier, score, reason, policyVersion, (flags & 16) != 0);
    }

    private String anchorId() {
        StringBuilder id = new StringBuilder();
        int length = 1 + random.nextInt(AnchorId.MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    /** A call for {@code id} answered with {@code decision}; its request's other fields are not in the answer. */
    private static CheckCall answer(String id, CapabilityDecision decision) {
        byte[] bytes = utf8(id);
        return CheckCall.reading(bytes, 0, bytes.length, 0, 0, 0).answered(decision);
    }

    /** As protobuf writes a string: a lone surrogate as {@code ?}, as Java's encoder does. */
    private static byte[] utf8(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Drained as gRPC over Netty sends it, read as an in-process transport reads it, and drained after a
     * first byte was read: the same bytes each way.
     */
    private static void assertSameBytes(byte[] expected, Supplier<InputStream> encoding) throws IOException {
        InputStream drained = encoding.get();
        assertEquals(expected.length, drained.available());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        assertEquals(expected.length, ((Drainable) drained).drainTo(sent));
        assertArrayEquals(expected, sent.toByteArray());
        assertEquals(0, drained.available());

        assertArrayEquals(expected, encoding.get().readAllBytes());

        InputStream begun = encoding.get();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(begun.read());
        ((Drainable) begun).drainTo(rest);
        assertArrayEquals(expected, rest.toByteArray());
    }
}
