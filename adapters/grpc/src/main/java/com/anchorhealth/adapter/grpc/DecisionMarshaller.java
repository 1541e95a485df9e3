package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import io.grpc.MethodDescriptor;

import java.io.InputStream;
import java.util.function.Function;

/**
 * CheckCapability's response written straight from the domain's decision: the bytes protobuf writes
 * for {@link Messages#decision} (fields in number order, values at their default left out), with no
 * message, builder or byte array per answer, since the check is the hot path. The enums' numbers are
 * looked up once, by name, as {@link Messages} maps them; the anchor's id, which the shared decision
 * does not hold, is spliced in between the fields before it and those after it.
 */
final class DecisionMarshaller implements MethodDescriptor.Marshaller<CheckCall> {
    static final DecisionMarshaller INSTANCE = new DecisionMarshaller();

    private static final int[] TIER_NUMBERS =
            numbers(Tier.values(), name -> com.anchorhealth.api.v1.Tier.valueOf(name).getNumber());
    private static final int[] REASON_NUMBERS =
            numbers(DecisionReason.values(), name -> Decision.Reason.valueOf(name).getNumber());
    private static final int[] CAPABILITY_NUMBERS =
            numbers(Capability.values(), name -> com.anchorhealth.api.v1.Capability.valueOf(name).getNumber());
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private DecisionMarshaller() {
    }

    @Override
    public InputStream stream(CheckCall answered) {
        return answered.handOut();
    }

    @Override
    public CheckCall parse(InputStream stream) {
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
     * The decision's bytes for {@code anchorId}, field by field as the generated {@code Decision.writeTo}
     * writes them, every tag one byte; with no array, only counts the bytes, so that the size and the
     * bytes cannot disagree. Returns the count.
     */
    static int encode(byte[] out, CapabilityDecision decision, byte[] anchorId) {
        int at = 0;
        at = varintField(out, at, Decision.ALLOWED_FIELD_NUMBER, flag(decision.allowed()));
        at = varintField(out, at, Decision.ENFORCED_FIELD_NUMBER, flag(decision.enforced()));
        at = varintField(out, at, Decision.ALLOWED_IF_ENFORCED_FIELD_NUMBER, flag(decision.allowedIfEnforced()));
        at = varintField(out, at, Decision.TIER_FIELD_NUMBER, TIER_NUMBERS[decision.tier().ordinal()]);
        at = varintField(out, at, Decision.SCORE_FIELD_NUMBER, decision.score());
        at = varintField(out, at, Decision.REASON_FIELD_NUMBER, REASON_NUMBERS[decision.reason().ordinal()]);
        at = varintField(out, at, Decision.POLICY_VERSION_FIELD_NUMBER, decision.policyVersion());
        at = varintField(out, at, Decision.KNOWN_ANCHOR_FIELD_NUMBER, flag(decision.knownAnchor()));
        at = anchorIdField(out, at, anchorId);
        at = varintField(out, at, Decision.CAPABILITY_FIELD_NUMBER,
                CAPABILITY_NUMBERS[decision.capability().ordinal()]);
        return varintField(out, at, Decision.IN_SCOPE_FIELD_NUMBER, flag(decision.inScope()));
    }

    private static int anchorIdField(byte[] out, int at, byte[] anchorId) {
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
