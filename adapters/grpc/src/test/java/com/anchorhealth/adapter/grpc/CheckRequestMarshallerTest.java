package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.application.capability.CheckCapability;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.protobuf.lite.ProtoLiteUtils;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

/** The request read from its bytes must be what protobuf's parser reads, or refused as protobuf refuses it. */
class CheckRequestMarshallerTest {
    private static final MethodDescriptor.Marshaller<CheckCapabilityRequest> PROTOBUF =
            ProtoLiteUtils.marshaller(CheckCapabilityRequest.getDefaultInstance());
    private static final String[] IDS = {"", "a", "anchor-000042", "A.b_c-9", "x".repeat(64), "x".repeat(65), "é",
            "主播-42", "🎤live", "a b", "a/b", "\u0000"};
    private static final long[] VARINTS = {0, 1, 7, 8, 127, 128, 16_383, 16_384, Integer.MAX_VALUE,
            Integer.MIN_VALUE, -1, 1L << 32, (1L << 32) + 3, Long.MAX_VALUE, Long.MIN_VALUE};

    private final Random random = new Random(22);

    @Test
    void generatedRequestsReadAsProtobufReadsThem() {
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int fields = random.nextInt(6);
            for (int field = 0; field < fields; field++) {
                field(wire, 0);
            }
            byte[] bytes = wire.toByteArray();
            if (assertSameReading(bytes)) {
                parsed++;
            } else {
                refused++;
            }
        }
        assertTrue(parsed > 10_000 && refused > 1_000, parsed + " read, " + refused + " refused");
    }

    @Test
    void damagedRequestsAreRefusedAsProtobufRefusesThem() {
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int field = 0; field < 1 + random.nextInt(4); field++) {
                field(wire, 0);
            }
            byte[] bytes = wire.toByteArray();
            byte[] damaged = switch (random.nextInt(3)) {
                case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 1 -> flipped(bytes);
                default -> randomBytes();
            };
            if (!assertSameReading(damaged)) {
                refused++;
            }
        }
        assertTrue(refused > 5_000, refused + " refused");
    }

    @Test
    void groupsNestAsDeeplyAsProtobufAllows() {
        for (int depth = 95; depth <= 105; depth++) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < depth; i++) {
                varint(wire, 9L << 3 | 3);
            }
            for (int i = 0; i < depth; i++) {
                varint(wire, 9L << 3 | 4);
            }
            assertEquals(depth <= 100, assertSameReading(wire.toByteArray()), "depth " + depth);
        }
    }

    @Test
    void malformedShapesAreRefusedAsProtobufRefusesThem() {
        byte[][] shapes = {
                {0x00},                                          // tag zero
                {0x07, 0x01},                                    // field 0, wire type 7
                {0x0E, 0x01},                                    // wire type 6
                {0x0C},                                          // end group outside any group
                {0x1B, 0x24},                                    // group 3 ended as group 4
                {0x1B},                                          // group never ended
                {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01},  // an eleven-byte varint
                {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},  // a negative length
                {0x0A, 0x02, (byte) 0xC3},                       // a string longer than what is left
                {0x0A, 0x02, (byte) 0xC0, (byte) 0x80},          // an overlong NUL
                {0x1A, 0x03, (byte) 0xED, (byte) 0xA0, (byte) 0x80},  // a surrogate in the session
                {0x0A, 0x04, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},  // above U+10FFFF
                {0x29, 0x01, 0x02},                              // a fixed64 cut short
                {0x2D, 0x01},                                    // a fixed32 cut short
        };
        for (byte[] shape : shapes) {
            assertEquals(false, assertSameReading(shape), Arrays.toString(shape));
        }
    }

    @Test
    void stringsAreRefusedOnTheUtf8ProtobufRefuses() {
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            byte[] wire = new byte[2 + bytes.length];
            wire[0] = CheckCapabilityRequest.ANCHOR_ID_FIELD_NUMBER << 3 | 2;
            wire[1] = (byte) bytes.length;
            System.arraycopy(bytes, 0, wire, 2, bytes.length);
            assertEquals(ByteString.copyFrom(bytes).isValidUtf8(), assertSameReading(wire), Arrays.toString(bytes));
        }
    }

    /** A single check's refusal names the same field, with the same words, as a batch's for that check. */
    @Test
    void aCheckIsRefusedWithTheDetailsOfTheSameCheckInABatch() throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new CapabilityGrpcService(mock(CheckCapability.class), null, Runnable::run).definition())
                .build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            var stub = CapabilityServiceGrpc.newBlockingStub(channel);
            List<CheckCapabilityRequest> invalid = new ArrayList<>();
            for (String id : IDS) {
                for (long capability : new long[]{0, 3, 8, -1}) {
                    for (String session : new String[]{"", "s".repeat(128), "s".repeat(129), "é".repeat(129)}) {
                        CheckCapabilityRequest request = CheckCapabilityRequest.newBuilder().setAnchorId(id)
                                .setCapabilityValue((int) capability).setLiveSessionId(session).build();
                        if (!id.matches("[A-Za-z0-9._-]{1,64}") || capability == 0 || capability > 7
                                || capability < 0 || session.length() > 128) {
                            invalid.add(request);
                        }
                    }
                }
            }
            for (CheckCapabilityRequest request : invalid) {
                StatusRuntimeException single = assertThrows(StatusRuntimeException.class,
                        () -> stub.checkCapability(request));
                StatusRuntimeException batched = assertThrows(StatusRuntimeException.class,
                        () -> stub.batchCheckCapabilities(BatchCheckCapabilitiesRequest.newBuilder()
                                .addChecks(request).build()));
                assertEquals(batched.getStatus().getCode(), single.getStatus().getCode());
                assertEquals(fieldViolations(batched).replace("checks[0].", ""), fieldViolations(single),
                        request.toString());
            }
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    private static String fieldViolations(StatusRuntimeException e) throws Exception {
        for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class).getFieldViolationsList().toString();
            }
        }
        throw new AssertionError("no BadRequest in " + e);
    }

    /**
     * Read by both marshallers, as a stream of known length (as gRPC over Netty hands it) and as one of
     * unknown length: the same fields, or the same refusal. True when the bytes were read.
     */
    private static boolean assertSameReading(byte[] bytes) {
        boolean read = false;
        for (Function<byte[], InputStream> kind : List.<Function<byte[], InputStream>>of(Known::new,
                ByteArrayInputStream::new)) {
            CheckCapabilityRequest expected;
            try {
                expected = PROTOBUF.parse(kind.apply(bytes));
            } catch (StatusRuntimeException refused) {
                StatusRuntimeException actual = assertThrows(StatusRuntimeException.class,
                        () -> CheckRequestMarshaller.INSTANCE.parse(kind.apply(bytes)), Arrays.toString(bytes));
                assertEquals(refused.getStatus().getCode(), actual.getStatus().getCode());
                assertEquals(refused.getStatus().getDescription(), actual.getStatus().getDescription());
                continue;
            }
            CheckCall actual = CheckRequestMarshaller.INSTANCE.parse(kind.apply(bytes));
            assertArrayEquals(expected.getAnchorIdBytes().toByteArray(), actual.anchorId(), Arrays.toString(bytes));
            assertEquals(expected.getCapabilityValue(), actual.capabilityNumber(), Arrays.toString(bytes));
            assertEquals(expected.getLiveSessionId(), actual.liveSession().toString(), Arrays.toString(bytes));
            read = true;
        }
        return read;
    }

    /** A field of the request, of another number, or of its number with another wire type. */
    private void field(ByteArrayOutputStream wire, int depth) {
        switch (random.nextInt(depth == 0 ? 10 : 7)) {
            case 0, 1 -> string(wire, 1);
            case 2 -> string(wire, 3);
            case 3 -> {
                int number = random.nextBoolean() ? 1 + random.nextInt(20) : random.nextInt(1 << 29);
                int type = random.nextInt(6);
                varint(wire, (long) number << 3 | type);
                switch (type) {
                    case 0 -> varint(wire, VARINTS[random.nextInt(VARINTS.length)]);
                    case 1 -> wire.writeBytes(new byte[8]);
                    case 2 -> bytes(wire, randomBytes());
                    case 3 -> {
                        for (int i = 0; i < random.nextInt(3); i++) {
                            field(wire, depth + 1);
                        }
                        varint(wire, (random.nextInt(10) == 0 ? number + 1L : number) << 3 | 4);
                    }
                    case 4 -> {
                    }
                    default -> wire.writeBytes(new byte[4]);
                }
            }
            case 4 -> {
                varint(wire, 2 << 3 | 2);   // the capability, packed as if repeated
                bytes(wire, new byte[]{0x03});
            }
            case 5 -> {
                varint(wire, 1 << 3);       // the id as a varint
                varint(wire, 42);
            }
            case 6 -> string(wire, 3 + random.nextInt(3));
            default -> {
                varint(wire, 2 << 3);
                if (random.nextInt(10) == 0) {
                    wire.write(random.nextInt(9) | 0x80);   // padded: a last group of zeros, continued to
                    wire.write(0x00);
                } else {
                    varint(wire, random.nextBoolean() ? random.nextInt(9) : VARINTS[random.nextInt(VARINTS.length)]);
                }
            }
        }
    }

    private void string(ByteArrayOutputStream wire, int number) {
        varint(wire, (long) number << 3 | 2);
        byte[] value = random.nextInt(8) == 0 ? randomBytes() : IDS[random.nextInt(IDS.length)]
                .repeat(random.nextInt(10) == 0 ? 20 : 1).getBytes(StandardCharsets.UTF_8);
        bytes(wire, value);
    }

    private static void bytes(ByteArrayOutputStream wire, byte[] value) {
        varint(wire, value.length);
        wire.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream wire, long value) {
        while ((value & ~0x7FL) != 0) {
            wire.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        wire.write((int) value);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] flipped(byte[] bytes) {
        byte[] flipped = bytes.clone();
        if (flipped.length > 0) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    /** As gRPC over Netty hands a message to its marshaller: a stream that knows its length. */
    private static final class Known extends ByteArrayInputStream implements KnownLength {
        Known(byte[] bytes) {
            super(bytes);
        }
    }
}
