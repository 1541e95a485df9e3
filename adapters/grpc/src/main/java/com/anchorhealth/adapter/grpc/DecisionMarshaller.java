package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * CheckCapability's response written straight from the domain's decision: the bytes protobuf writes
 * for {@link Messages#decision} (fields in number order, values at their default left out), with no
 * message, builder or byte array per answer, since the check is the hot path. The enums' numbers are
 * looked up once, by name, as {@link Messages} maps them; the anchor's id, which the shared decision
 * does not hold, is spliced in between the fields before it and those after it.
 */
final class DecisionMarshaller implements MethodDescriptor.Marshaller<DecisionMarshaller.EncodedDecision> {
    static final DecisionMarshaller INSTANCE = new DecisionMarshaller();

    private static final int[] TIER_NUMBERS =
            numbers(Tier.values(), name -> com.anchorhealth.api.v1.Tier.valueOf(name).getNumber());
    private static final int[] REASON_NUMBERS =
            numbers(DecisionReason.values(), name -> Decision.Reason.valueOf(name).getNumber());
    private static final int[] CAPABILITY_NUMBERS =
            numbers(Capability.values(), name -> com.anchorhealth.api.v1.Capability.valueOf(name).getNumber());
    /** Ample for every decision of an id of at most 64 ASCII characters; a longer one gets its own array. */
    private static final int SCRATCH_BYTES = 256;
    /** Drained one decision at a time by the thread that sends it, so that a send allocates no array. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private DecisionMarshaller() {
    }

    /** The answer itself the first time, so that an answer is one object; a copy if it is asked again. */
    @Override
    public InputStream stream(EncodedDecision answer) {
        if (answer.handedOut) {
            return new EncodedDecision(answer.anchorId, answer.decision);
        }
        answer.handedOut = true;
        return answer;
    }

    @Override
    public EncodedDecision parse(InputStream stream) {
        throw new UnsupportedOperationException("the server writes decisions; clients read them as Decision messages");
    }

    private static <E extends Enum<E>> int[] numbers(E[] values, Function<String, Integer> protoNumber) {
        int[] numbers = new int[values.length];
        for (E value : values) {
            numbers[value.ordinal()] = protoNumber.apply(value.name());
        }
        return numbers;
    }

    /**
     * One decision's bytes, for {@code anchorId}: the answer a check gives gRPC, and the stream of it.
     * gRPC over Netty drains them into its buffer as the response is sent; a transport that reads the
     * stream instead (in process) gets them encoded once.
     */
    static final class EncodedDecision extends InputStream implements Drainable, KnownLength {
        private final CapabilityDecision decision;
        /** UTF-8, as the request carried it. */
        private final byte[] anchorId;
        private final int size;
        /** Given to gRPC as its stream: a stream is read once. */
        private boolean handedOut;
        private byte[] read;
        private int position;

        EncodedDecision(byte[] anchorId, CapabilityDecision decision) {
            this.decision = decision;
            this.anchorId = anchorId;
            this.size = encode(null);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (position > 0) {
                int rest = size - position;
                target.write(read, position, rest);
                position = size;
                return rest;
            }
            byte[] scratch = size <= SCRATCH_BYTES ? SCRATCH.get() : new byte[size];
            encode(scratch);
            target.write(scratch, 0, size);
            position = size;
            return size;
        }

        @Override
        public int read() {
            if (position == size) {
                return -1;
            }
            return bytesToRead()[position++] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == size) {
                return -1;
            }
            int count = Math.min(length, size - position);
            System.arraycopy(bytesToRead(), position, into, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() {
            return size - position;
        }

        private byte[] bytesToRead() {
            if (read == null) {
                read = new byte[size];
                encode(read);
            }
            return read;
        }

        /**
         * Field by field as the generated {@code Decision.writeTo} writes them, every tag one byte;
         * with no array, only counts the bytes, so that the size and the bytes cannot disagree.
         */
        private int encode(byte[] out) {
            int at = 0;
            at = varintField(out, at, Decision.ALLOWED_FIELD_NUMBER, flag(decision.allowed()));
            at = varintField(out, at, Decision.ENFORCED_FIELD_NUMBER, flag(decision.enforced()));
            at = varintField(out, at, Decision.ALLOWED_IF_ENFORCED_FIELD_NUMBER, flag(decision.allowedIfEnforced()));
            at = varintField(out, at, Decision.TIER_FIELD_NUMBER, TIER_NUMBERS[decision.tier().ordinal()]);
            at = varintField(out, at, Decision.SCORE_FIELD_NUMBER, decision.score());
            at = varintField(out, at, Decision.REASON_FIELD_NUMBER, REASON_NUMBERS[decision.reason().ordinal()]);
            at = varintField(out, at, Decision.POLICY_VERSION_FIELD_NUMBER, decision.policyVersion());
            at = varintField(out, at, Decision.KNOWN_ANCHOR_FIELD_NUMBER, flag(decision.knownAnchor()));
            at = anchorIdField(out, at);
            at = varintField(out, at, Decision.CAPABILITY_FIELD_NUMBER,
                    CAPABILITY_NUMBERS[decision.capability().ordinal()]);
            return varintField(out, at, Decision.IN_SCOPE_FIELD_NUMBER, flag(decision.inScope()));
        }

        private int anchorIdField(byte[] out, int at) {
            int length = anchorId.length;
            if (length == 0) {
                return at;
            }
            at = varint(out, at, Decision.ANCHOR_ID_FIELD_NUMBER << 3 | LENGTH_DELIMITED);
            at = varint(out, at, length);
            if (out != null) {
                System.arraycopy(anchorId, 0, out, at, length);
            }
            return at + length;
        }
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    /** A tag and a value, or nothing for zero, which proto3 leaves out. */
    private static int varintField(byte[] out, int at, int fieldNumber, long value) {
        return value == 0 ? at : varint(out, varint(out, at, fieldNumber << 3 | VARINT), value);
    }

    /** Base 128, low group first; an {@code int32} or enum is sign-extended, so a negative one takes ten bytes. */
    private static int varint(byte[] out, int at, long value) {
        while ((value & ~0x7FL) != 0) {
            if (out != null) {
                out[at] = (byte) ((value & 0x7F) | 0x80);
            }
            at++;
            value >>>= 7;
        }
        if (out != null) {
            out[at] = (byte) value;
        }
        return at + 1;
    }
}
