package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import io.grpc.Drainable;
import io.grpc.KnownLength;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One CheckCapability call, one object: the request's fields as {@link CheckRequestMarshaller} read
 * them, which, once the service has found them valid, are the query it checks; then, once
 * {@link #answered}, the stream of the {@code Decision} bytes that
 * {@link DecisionMarshaller} writes for it. gRPC over Netty drains the answer into its buffer as the
 * response is sent; a transport that reads the stream instead (in process) gets the bytes encoded once.
 * <p>A call drained to the wire and closed by gRPC serves a later request of the thread that closed it
 * (see {@link #close}), its arrays with it, so that a check makes no object of its own.
 */
final class CheckCall extends InputStream implements CheckCapability.BytesQuery, Drainable, KnownLength {
    /** Ample for every decision of an id of at most 64 ASCII characters; a longer one gets its own array. */
    private static final int SCRATCH_BYTES = 256;
    /** Drained one answer at a time by the thread that sends it, so that a send allocates no array. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);
    /**
     * A thread's calls done with, for its next requests: a transport thread answers most of the calls
     * it reads before it reads more, so a few serve them all; a thread that answers calls others read
     * keeps no more than this.
     */
    private static final int KEPT_FOR_REUSE = 16;
    private static final ThreadLocal<ArrayDeque<CheckCall>> DONE_WITH =
            ThreadLocal.withInitial(() -> new ArrayDeque<>(KEPT_FOR_REUSE));

    /**
     * The id is passed on as an array of its exact length (as the index and the rules take it): one
     * array a length up to the longest valid id's, each reused by this call's later requests.
     */
    private final byte[][] idsByLength = new byte[AnchorId.MAX_LENGTH + 1][];
    private final SessionText liveSession = new SessionText();
    /** UTF-8, as the request carried it; checked only for being UTF-8, as protobuf checks strings. */
    private byte[] anchorId;
    /** The enum's number on the wire. */
    private int capabilityNumber;
    /** What the number names, once found valid. */
    private Capability capability;
    private CapabilityDecision decision;
    private int size;
    /** Given to gRPC as its stream: a stream is read once. */
    private boolean handedOut;
    /** Written to the wire whole: once gRPC closes it, nothing reads this call any more. */
    private boolean drained;
    private byte[] read;
    private int position;

    private CheckCall() {
    }

    /**
     * A call of the request whose id and live session lie at these places of {@code request}: one the
     * thread is done with, or a new one.
     */
    static CheckCall reading(byte[] request, int idStart, int idLength, int capabilityNumber, int sessionStart,
                             int sessionLength) {
        CheckCall done = DONE_WITH.get().poll();
        CheckCall call = done != null ? done : new CheckCall();
        call.anchorId = call.idArray(idLength);
        System.arraycopy(request, idStart, call.anchorId, 0, idLength);
        call.capabilityNumber = capabilityNumber;
        call.capability = null;
        call.liveSession.fill(request, sessionStart, sessionLength);
        call.decision = null;
        call.size = 0;
        call.handedOut = false;
        call.drained = false;
        call.read = null;
        call.position = 0;
        return call;
    }

    private byte[] idArray(int length) {
        if (length >= idsByLength.length) {
            return new byte[length];   // no valid id is this long: the check refuses it
        }
        byte[] array = idsByLength[length];
        if (array == null) {
            array = new byte[length];
            idsByLength[length] = array;
        }
        return array;
    }

    @Override
    public byte[] anchorId() {
        return anchorId;
    }

    int capabilityNumber() {
        return capabilityNumber;
    }

    /** The capability the request's number names, once the service has found it valid ({@link #validated}). */
    @Override
    public Capability capability() {
        return capability;
    }

    /** This call's fields found valid, its number naming {@code named}: from now on it is its query. */
    void validated(Capability named) {
        capability = named;
    }

    /** The live session's id, empty when the request names none; decoded from its bytes only when read as text. */
    @Override
    public CharSequence liveSession() {
        return liveSession;
    }

    /** Whether the live session's id has more than {@code characters} characters. */
    boolean liveSessionLongerThan(int characters) {
        // UTF-8 takes at least a byte for each UTF-16 character: only a longer byte count needs decoding.
        return liveSession.length > characters && liveSession.toString().length() > characters;
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
            CheckCall copy = new CheckCall();
            copy.anchorId = anchorId.clone();
            return copy.answered(decision);
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
            drained = true;
            return rest;
        }
        byte[] scratch = size <= SCRATCH_BYTES ? SCRATCH.get() : new byte[size];
        DecisionMarshaller.encode(scratch, decision, anchorId);
        target.write(scratch, 0, size);
        position = size;
        drained = true;
        return size;
    }

    /**
     * gRPC closes a response's stream once it has written it. A call drained whole is then done with:
     * the request was read before the handler ran, and the answer is on its way, so the thread may
     * read a later request into it. A call read as a stream (in process) is left to the collector: its
     * reader may keep it.
     */
    @Override
    public void close() {
        if (drained) {
            drained = false;
            ArrayDeque<CheckCall> doneWith = DONE_WITH.get();
            if (doneWith.size() < KEPT_FOR_REUSE) {
                doneWith.push(this);
            }
        }
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

    /** The live session's id as the request's UTF-8 bytes, copied into an array the call keeps. */
    private static final class SessionText implements CharSequence {
        private byte[] bytes = new byte[0];
        private int length;
        private String decoded;

        void fill(byte[] from, int start, int count) {
            if (bytes.length < count) {
                bytes = new byte[count];
            }
            System.arraycopy(from, start, bytes, 0, count);
            length = count;
            decoded = null;
        }

        @Override
        public boolean isEmpty() {
            return length == 0;
        }

        @Override
        public int length() {
            return toString().length();
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }

        @Override
        public String toString() {
            if (decoded == null) {
                decoded = new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            return decoded;
        }
    }
}
