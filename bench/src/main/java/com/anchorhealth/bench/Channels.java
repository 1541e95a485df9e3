package com.anchorhealth.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A few plaintext loopback channels; calls are spread over them round-robin. */
public final class Channels implements AutoCloseable {
    private final List<ManagedChannel> channels = new ArrayList<>();

    public Channels(int port, int count) {
        for (int i = 0; i < count; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .directExecutor()
                    .maxInboundMessageSize(16 * 1024 * 1024)
                    .build();
            channel.getState(true);
            channels.add(channel);
        }
    }

    public ManagedChannel get(long sequence) {
        return channels.get((int) (sequence % channels.size()));
    }

    public int size() {
        return channels.size();
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
