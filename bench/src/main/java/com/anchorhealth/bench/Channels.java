package com.anchorhealth.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A few plaintext loopback channels; calls are spread over them round-robin. The load client's
 * channels run on event loops of their own, one a core, not on gRPC's default loops, which the servers
 * under test use: sharing them, which connection of the client sits on a loop beside which of a server
 * was decided as they opened, and differed from one run to the next.
 */
public final class Channels implements AutoCloseable {
    private static final EventLoopGroup CLIENT_LOOPS = new EpollEventLoopGroup(
            Runtime.getRuntime().availableProcessors(), new DefaultThreadFactory("load-client", true));

    private final List<ManagedChannel> channels = new ArrayList<>();

    public Channels(int port, int count) {
        for (int i = 0; i < count; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .eventLoopGroup(CLIENT_LOOPS)
                    .channelType(EpollSocketChannel.class)
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
