package com.anchorhealth.adapter.grpc;

import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

/** Rebuilds a generated service definition with one method served another way. */
final class ServiceMethods {
    private ServiceMethods() {
    }

    /**
     * The service with the method of the same full name as {@code replacement} replaced by it. The
     * service descriptor is rebuilt around the new method (keeping the schema that reflection serves),
     * since a service definition accepts only its descriptor's own method instances.
     */
    static ServerServiceDefinition replacing(ServerServiceDefinition service,
                                             ServerMethodDefinition<?, ?> replacement) {
        method(service, replacement.getMethodDescriptor().getFullMethodName());
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            descriptor.addMethod(served(method, replacement).getMethodDescriptor());
        }
        ServerServiceDefinition.Builder rebuilt = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            rebuilt.addMethod(served(method, replacement));
        }
        return rebuilt.build();
    }

    /** The service's method of that full name; there must be one. */
    @SuppressWarnings("unchecked")
    static <Q, R> ServerMethodDefinition<Q, R> method(ServerServiceDefinition service, String fullMethodName) {
        ServerMethodDefinition<?, ?> method = service.getMethod(fullMethodName);
        if (method == null) {
            throw new IllegalArgumentException(service.getServiceDescriptor().getName() + " has no method "
                    + fullMethodName);
        }
        return (ServerMethodDefinition<Q, R>) method;
    }

    private static ServerMethodDefinition<?, ?> served(ServerMethodDefinition<?, ?> method,
                                                       ServerMethodDefinition<?, ?> replacement) {
        return method.getMethodDescriptor().getFullMethodName()
                .equals(replacement.getMethodDescriptor().getFullMethodName()) ? replacement : method;
    }
}
