package com.anchorhealth.server;

import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tokens file of a server in its own process: read again on SIGHUP and when it changes, a bad
 * edit keeps the tokens in force, and a file every user may read is warned about.
 */
class TokensFileTest {
    /** printf '%s' reader-token-for-tests | sha256sum, and the same for the admin's. */
    private static final String READER_LINE =
            "4bdec4b655cc2339a3f8ad7bd23d16ed053ac3331fdf01a374fc20394ceec230 reader recommendation\n";
    private static final String ADMIN_LINE =
            "b98c9b93bcac5ddbf030a130b46430d0cac4e591c55b0c65072eebb9c4739985 admin ops\n";

    @TempDir
    Path dir;

    @Test
    void aTokenAddedToTheFileIsAcceptedAfterSighupOrWithinSecondsAndABadEditChangesNothing() throws Exception {
        Path tokens = dir.resolve("tokens");
        ServerProcess server = startWithTokensFile(tokens, "rw-------");
        try {
            assertEquals(Status.Code.UNAUTHENTICATED, verifyAsAdmin(server));

            Files.writeString(tokens, ADMIN_LINE, StandardOpenOption.APPEND);
            new ProcessBuilder("kill", "-HUP", String.valueOf(server.process().pid())).start().waitFor();
            assertEquals(Status.Code.OK, within(2, () -> verifyAsAdmin(server)), "read again on SIGHUP");
            assertTrue(server.process().isAlive(), "SIGHUP does not end the server");

            Files.writeString(tokens, "not a tokens file\n");
            Thread.sleep(TimeUnit.SECONDS.toMillis(TokensFile.CHECK_SECONDS + 2));
            assertEquals(Status.Code.OK, verifyAsAdmin(server), "a bad edit keeps the tokens in force");

            Files.writeString(tokens, READER_LINE);
            assertEquals(Status.Code.UNAUTHENTICATED, within(TokensFile.CHECK_SECONDS + 3, () -> verifyAsAdmin(server)),
                    "a token removed from the file is refused within seconds, without a signal");
            assertTrue(server.output().contains("not read again, the 2 tokens in force stay: line 1"), server.output());
        } finally {
            server.kill();
        }
    }

    @Test
    void aTokensFileEveryUserMayReadIsWarnedAbout() throws Exception {
        Path tokens = dir.resolve("tokens");
        ServerProcess server = startWithTokensFile(tokens, "rw-r--r--");
        try {
            assertTrue(server.output().contains("--tokens " + tokens + " is readable by every user of this machine"),
                    server.output());
        } finally {
            server.kill();
        }
    }

    /** A server whose tokens file holds the reader's token and has these permissions. */
    private ServerProcess startWithTokensFile(Path tokens, String permissions) throws Exception {
        Files.writeString(tokens, READER_LINE);
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString(permissions));
        return ServerProcess.start(List.of("--data-dir", dir.resolve("data").toString(), "--tokens", tokens.toString()));
    }

    /** Polls until the call's code is the one wanted or the seconds pass; the last code seen. */
    private static Status.Code within(int seconds, java.util.function.Supplier<Status.Code> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Status.Code first = call.get();
        Status.Code code = first;
        while (code == first && System.nanoTime() < deadline) {
            Thread.sleep(100);
            code = call.get();
        }
        return code;
    }

    private static Status.Code verifyAsAdmin(ServerProcess server) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer admin-token-for-tests");
        try {
            AnchorServiceGrpc.newBlockingStub(server.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(5, TimeUnit.SECONDS).verifyScores(VerifyScoresRequest.getDefaultInstance());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
