package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnexpectedErrorInterceptorTest {
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void anExceptionEscapingAHandlerIsInternalNotUnknown() throws IOException {
        AnchorServiceGrpc.AnchorServiceImplBase throwing = new AnchorServiceGrpc.AnchorServiceImplBase() {
            @Override
            public void getAnchor(GetAnchorRequest request, StreamObserver<Anchor> observer) {
                throw new IllegalStateException("bug");
            }
        };
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(throwing, new UnexpectedErrorInterceptor()))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> AnchorServiceGrpc.newBlockingStub(channel).getAnchor(GetAnchorRequest.getDefaultInstance()));
        assertEquals(Status.Code.INTERNAL, error.getStatus().getCode());
        assertEquals("internal error", error.getStatus().getDescription());
    }
}
