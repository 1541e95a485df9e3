package com.anchorhealth.adapter.grpc;

import com.anchorhealth.domain.sanction.CapabilityDecision;
import io.grpc.Drainable;
import io.grpc.KnownLength;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One CheckCapability call, one object: the request's fields as {@link CheckRequestMarshaller} read
 * them, then, once {@link #answered}, the stream of the {@code Decision} bytes that
 * {@link DecisionMarshaller} writes for it. gRPC over Netty drains the answer into its buffer as the
 * response is sent; a transport that reads the stream instead (in process) gets the bytes encoded once.
 */
final class CheckCall extends InputStream implements Drainable, KnownLength {
    /** Ample for every decision of an id of at most 64 ASCII characters; a longer one gets its own array. */
    private static final int SCRATCH_BYTES = 256;
    /** Drained one answer at a time by the thread that sends it, so that a send allocates no array. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    /** UTF-8, as the request carried it; checked only for being UTF-8, as protobuf checks strings. */
    private final byte[] anchorId;
    /** The enum's number on the wire. */
    private final int capability;
    private final String liveSessionId;
    private CapabilityDecision decision;
    private int size;
    /** Given to gRPC as its stream: a stream is read once. */
    private boolean handedOut;
    private byte[] read;
    private int position;

    CheckCall(byte[] anchorId, int capability, String liveSessionId) {
        this.anchorId = anchorId;
        this.capability = capability;
        this.liveSessionId = liveSessionId;
    }

    byte[] anchorId() {
        return anchorId;
    }

    int capability() {
        return capability;
    }

    String liveSessionId() {
        return liveSessionId;
    }

    /** This call with its answer: from now on the stream of the decision's bytes, for this call's id. */
    CheckCall answered(CapabilityDecision answer) {
        decision = answer;
        size = DecisionMarshaller.encode(null, answer, anchorId);
        return this;
    }

    /** The stream to give gRPC: this call the first time, so that a check is one object; a copy after. */
    InputStream handOut() {
        if (handedOut) {
            return new CheckCall(anchorId, capability, liveSessionId).answered(decision);
        }
        handedOut = true;
        return this;
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
        DecisionMarshaller.encode(scratch, decision, anchorId);
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
            DecisionMarshaller.encode(read, decision, anchorId);
        }
        return read;
    }
}
