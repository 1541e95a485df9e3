package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.application.feed.ChangeSink;
import com.anchorhealth.application.feed.WatchedChange;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * A watch's gRPC stream. The watch sends only while the call is ready (the transport's flow-control
 * window has room), so changes never pile up in the server's outbound buffers.
 */
final class StreamSink implements ChangeSink {
    private final ServerCallStreamObserver<StandingChange> call;

    StreamSink(ServerCallStreamObserver<StandingChange> call) {
        this.call = call;
    }

    @Override
    public boolean isReady() {
        return call.isReady();
    }

    @Override
    public void send(WatchedChange change) {
        call.onNext(FeedMessages.standingChange(change));
    }

    @Override
    public void fail(RuntimeException error) {
        call.onError(GrpcErrors.toException(error));
    }

    @Override
    public void serverStopping() {
        call.onError(Status.UNAVAILABLE
                .withDescription("the server is stopping; resume after the last cursor received")
                .asRuntimeException());
    }
}
