package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.google.common.base.Utf8;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static com.google.protobuf.WireFormat.WIRETYPE_END_GROUP;
import static com.google.protobuf.WireFormat.WIRETYPE_FIXED32;
import static com.google.protobuf.WireFormat.WIRETYPE_FIXED64;
import static com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED;
import static com.google.protobuf.WireFormat.WIRETYPE_START_GROUP;
import static com.google.protobuf.WireFormat.WIRETYPE_VARINT;

/**
 * CheckCapability's request read from its wire bytes as the generated parser reads them, with no
 * message or builder per check, since the check is the hot path: the last value of each field,
 * unknown fields of every wire type skipped (groups as deeply nested as protobuf allows), and bytes
 * protobuf refuses refused with the status gRPC's protobuf marshaller gives them.
 */
final class CheckRequestMarshaller implements MethodDescriptor.Marshaller<CheckCall> {
    static final CheckRequestMarshaller INSTANCE = new CheckRequestMarshaller();

    private static final int ANCHOR_ID_TAG =
            CheckCapabilityRequest.ANCHOR_ID_FIELD_NUMBER << 3 | WIRETYPE_LENGTH_DELIMITED;
    private static final int CAPABILITY_TAG = CheckCapabilityRequest.CAPABILITY_FIELD_NUMBER << 3 | WIRETYPE_VARINT;
    private static final int LIVE_SESSION_ID_TAG =
            CheckCapabilityRequest.LIVE_SESSION_ID_FIELD_NUMBER << 3 | WIRETYPE_LENGTH_DELIMITED;
    /** Protobuf's default limit on nested messages, which unknown groups count against. */
    private static final int MAX_GROUP_DEPTH = 100;
    /** Ample for a request with an id and a session of the lengths the service accepts. */
    private static final int SCRATCH_BYTES = 512;
    /** Parsing is synchronous on the calling thread, so one reader a thread serves every request. */
    private static final ThreadLocal<WireReader> READERS = ThreadLocal.withInitial(WireReader::new);

    private CheckRequestMarshaller() {
    }

    @Override
    public InputStream stream(CheckCall call) {
        throw new UnsupportedOperationException("the server reads requests; clients send CheckCapabilityRequest");
    }

    @Override
    public CheckCall parse(InputStream stream) {
        try {
            return READERS.get().call(stream);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cursor over one request's bytes, read into the thread's scratch array when they fit. */
    private static final class WireReader {
        private final byte[] scratch = new byte[SCRATCH_BYTES];
        private byte[] bytes;
        private int position;
        private int limit;

        CheckCall call(InputStream stream) throws IOException {
            load(stream);
            try {
                return fields();
            } finally {
                bytes = scratch;   // a request too large for the scratch array is not kept after it is read
            }
        }

        private CheckCall fields() throws InvalidProtocolBufferException {
            int idStart = 0;
            int idLength = 0;
            int capability = 0;
            int sessionStart = 0;
            int sessionLength = 0;
            while (position < limit) {
                int tag = tag();
                if (tag == ANCHOR_ID_TAG) {
                    idLength = utf8Length();
                    idStart = position;
                    position += idLength;
                } else if (tag == CAPABILITY_TAG) {
                    capability = (int) varint();
                } else if (tag == LIVE_SESSION_ID_TAG) {
                    sessionLength = utf8Length();
                    sessionStart = position;
                    position += sessionLength;
                } else if (!skipped(tag, 0)) {
                    throw endGroupMismatch();
                }
            }
            return CheckCall.reading(bytes, idStart, idLength, capability, sessionStart, sessionLength);
        }

        private void load(InputStream stream) throws IOException {
            if (stream instanceof KnownLength && stream.available() <= SCRATCH_BYTES) {
                bytes = scratch;
                limit = stream.readNBytes(scratch, 0, stream.available());
            } else {
                bytes = stream.readAllBytes();
                limit = bytes.length;
            }
            position = 0;
        }

        /** A tag as protobuf reads one: a 32-bit varint whose field number is not zero. */
        private int tag() throws InvalidProtocolBufferException {
            int tag = (int) varint();
            if (tag >>> 3 == 0) {
                throw new InvalidProtocolBufferException("Protocol message contained an invalid tag (zero).");
            }
            return tag;
        }

        /**
         * Skips an unknown field's value; false for an end-group tag, which ends the enclosing group
         * (and, outside any group, the message, which protobuf then refuses).
         */
        private boolean skipped(int tag, int depth) throws InvalidProtocolBufferException {
            switch (tag & 7) {
                case WIRETYPE_VARINT -> varint();
                case WIRETYPE_FIXED64 -> skip(8);
                case WIRETYPE_LENGTH_DELIMITED -> skip(length());
                case WIRETYPE_START_GROUP -> skipGroup(tag >>> 3, depth);
                case WIRETYPE_END_GROUP -> {
                    return false;
                }
                case WIRETYPE_FIXED32 -> skip(4);
                default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
            }
            return true;
        }

        /** To its end-group tag, which must be of the same field; the end of the bytes is not one. */
        private void skipGroup(int fieldNumber, int depth) throws InvalidProtocolBufferException {
            if (depth >= MAX_GROUP_DEPTH) {
                throw new InvalidProtocolBufferException("Protocol message had too many levels of nesting.");
            }
            int tag = 0;
            while (position < limit) {
                tag = tag();
                if (!skipped(tag, depth + 1)) {
                    break;
                }
                tag = 0;
            }
            if (tag != (fieldNumber << 3 | WIRETYPE_END_GROUP)) {
                throw endGroupMismatch();
            }
        }

        /** Base 128, at most ten bytes, as protobuf reads 32- and 64-bit varints (a 32-bit one keeps the low bits). */
        private long varint() throws InvalidProtocolBufferException {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                if (position == limit) {
                    throw truncated();
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new InvalidProtocolBufferException("CodedInputStream encountered a malformed varint.");
        }

        /** A length-delimited value's length, which must fit in what is left. */
        private int length() throws InvalidProtocolBufferException {
            int length = (int) varint();
            if (length < 0) {
                throw new InvalidProtocolBufferException("CodedInputStream encountered an embedded string or message "
                        + "which claimed to have negative size.");
            }
            if (length > limit - position) {
                throw truncated();
            }
            return length;
        }

        /** A string's length, its bytes checked to be UTF-8 as protobuf checks a proto3 string's. */
        private int utf8Length() throws InvalidProtocolBufferException {
            int length = length();
            if (!Utf8.isWellFormed(bytes, position, length)) {
                throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
            }
            return length;
        }

        private void skip(int count) throws InvalidProtocolBufferException {
            if (count > limit - position) {
                throw truncated();
            }
            position += count;
        }

        private static InvalidProtocolBufferException endGroupMismatch() {
            return new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }

        private static InvalidProtocolBufferException truncated() {
            return new InvalidProtocolBufferException("While parsing a protocol message, the input ended unexpectedly "
                    + "in the middle of a field.");
        }
    }
}
