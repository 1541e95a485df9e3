package com.anchorhealth.adapter.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request whose repeated field has a cap without parsing the items beyond it: the bytes
 * (already bounded by the inbound message limit) are scanned, and only those up to the first item
 * over the cap are parsed. A request within the cap is parsed whole; one over it arrives with
 * {@code cap + 1} items, which the service refuses as it refuses any oversized request, having
 * paid for a scan instead of hundreds of thousands of objects.
 */
final class CappedRepeatedField<T extends Message> implements MethodDescriptor.Marshaller<T> {
    private final MethodDescriptor.Marshaller<T> whole;
    private final T defaultInstance;
    private final int fieldNumber;
    private final int cap;

    private CappedRepeatedField(MethodDescriptor.Marshaller<T> whole, T defaultInstance, int fieldNumber, int cap) {
        this.whole = whole;
        this.defaultInstance = defaultInstance;
        this.fieldNumber = fieldNumber;
        this.cap = cap;
    }

    /** The service with the named method's requests read through this marshaller. */
    static <T extends Message> ServerServiceDefinition capping(ServerServiceDefinition service, String fullMethodName,
                                                               T defaultInstance, int fieldNumber, int cap) {
        ServerMethodDefinition<T, Object> generated = ServiceMethods.method(service, fullMethodName);
        MethodDescriptor<T, Object> capped = generated.getMethodDescriptor().toBuilder()
                .setRequestMarshaller(new CappedRepeatedField<>(generated.getMethodDescriptor().getRequestMarshaller(),
                        defaultInstance, fieldNumber, cap)).build();
        return ServiceMethods.replacing(service, ServerMethodDefinition.create(capped, generated.getServerCallHandler()));
    }

    @Override
    public InputStream stream(T value) {
        return whole.stream(value);
    }

    @Override
    public T parse(InputStream stream) {
        byte[] bytes;
        try {
            bytes = stream.readAllBytes();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("cannot read the request").withCause(e).asRuntimeException();
        }
        int length;
        try {
            length = lengthThroughFirstItemOverCap(bytes);
        } catch (IOException e) {
            // Not a well-formed message: the generated parser says so as it would for any request.
            return whole.parse(new ByteArrayInputStream(bytes));
        }
        if (length == bytes.length) {
            return whole.parse(new ByteArrayInputStream(bytes));
        }
        try {
            @SuppressWarnings("unchecked")
            T prefix = (T) defaultInstance.getParserForType().parseFrom(bytes, 0, length);
            return prefix;
        } catch (InvalidProtocolBufferException e) {
            return whole.parse(new ByteArrayInputStream(bytes));
        }
    }

    /** How many bytes hold everything up to and including the item one over the cap; all if none is. */
    private int lengthThroughFirstItemOverCap(byte[] bytes) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        int items = 0;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            input.skipField(tag);
            if (WireFormat.getTagFieldNumber(tag) == fieldNumber && ++items > cap) {
                return input.getTotalBytesRead();
            }
        }
        return bytes.length;
    }
}
