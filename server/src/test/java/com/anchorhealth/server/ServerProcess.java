package com.anchorhealth.server;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The server in a process of its own, on a fresh port, so that it can be killed with SIGKILL. */
final class ServerProcess {
    private final Process process;
    private final ManagedChannel channel;
    private final Path log;

    private ServerProcess(Process process, ManagedChannel channel, Path log) {
        this.process = process;
        this.channel = channel;
        this.log = log;
    }

    /** Starts the server with these flags (besides {@code --port}; the console off unless named) and waits until it serves. */
    static ServerProcess start(List<String> flags) throws IOException, InterruptedException {
        ServerProcess server = launch(flags);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.serving()) {
            if (!server.process.isAlive() || System.nanoTime() > deadline) {
                server.kill();
                throw new AssertionError("the server did not start: " + server.output());
            }
            Thread.sleep(50);
        }
        return server;
    }

    /** Starts the server with these flags (besides {@code --port}) without waiting for it. */
    static ServerProcess launch(List<String> flags) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("anchor-health-server", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classPath, Main.class.getName(),
                "--port", String.valueOf(port), "--admin-port", "0"));
        if (!flags.contains("--web-port")) {
            // The console's default port is one for the whole machine: two servers at once would collide.
            command.addAll(List.of("--web-port", "0"));
        }
        command.addAll(flags);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        return new ServerProcess(process, channel, log);
    }

    ManagedChannel channel() {
        return channel;
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    private boolean serving() {
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus()
                    == HealthCheckResponse.ServingStatus.SERVING;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no draining; whatever was in flight is cut. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
    }
}
