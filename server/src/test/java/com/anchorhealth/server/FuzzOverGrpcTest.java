package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of random, malformed and boundary requests to every RPC, built from the descriptors (so
 * a new RPC or field is fuzzed without changes here): each gets OK or a documented client error,
 * never INTERNAL or UNKNOWN, and a call that fails writes nothing. Seeded, so a failure repeats.
 */
class FuzzOverGrpcTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int CALLS_PER_METHOD = Integer.getInteger("fuzz.callsPerMethod", 120);
    private static final Set<Status.Code> DOCUMENTED = Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION,
            Status.Code.OUT_OF_RANGE, Status.Code.DEADLINE_EXCEEDED);
    private static final String URL = "jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private static RunningServer server;
    private static Connection database;
    private static String countEveryTable;

    private final Random random = new Random(SEED);

    @BeforeAll
    static void start() throws IOException, SQLException {
        server = RunningServer.start(URL, "sa", "", Optional.empty());
        database = DriverManager.getConnection(URL, "sa", "");
        // Known names, so that some calls get past validation and reach the rules and the store.
        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("seed-1").setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia")
                        .setLevel(2)).build());
        ViolationServiceGrpc.newBlockingStub(server.channel()).recordViolation(RecordViolationRequest.newBuilder()
                .setRequestId("seed-2").setAnchorId("mia").setViolationType("PORNOGRAPHY").setSource("seed").build());
        GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("seed-3").setGuildId("g1").setDisplayName("Guild").build());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
        server.close();
    }

    @Test
    void everyRpcAnswersRandomInputWithADocumentedCodeAndFailuresWriteNothing() throws SQLException {
        Map<Status.Code, Integer> seen = new EnumMap<>(Status.Code.class);
        Map<String, String> problems = new LinkedHashMap<>();   // one example per method and outcome
        Map<String, Long> before = rowCounts();
        for (ServiceDescriptor service : List.of(AnchorServiceGrpc.getServiceDescriptor(),
                ViolationServiceGrpc.getServiceDescriptor(), CapabilityServiceGrpc.getServiceDescriptor(),
                GuildServiceGrpc.getServiceDescriptor(), PolicyServiceGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                Descriptor input = ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor()
                        .getInputType();
                for (int i = 0; i < CALLS_PER_METHOD; i++) {
                    DynamicMessage request = message(input, 0);
                    Status.Code code = call(method, request);
                    Map<String, Long> after = rowCounts();
                    seen.merge(code, 1, Integer::sum);
                    if (!DOCUMENTED.contains(code)) {
                        problems.putIfAbsent(method.getFullMethodName() + " answered " + code, request.toString());
                    } else if (code != Status.Code.OK && !before.equals(after)) {
                        problems.putIfAbsent(method.getFullMethodName() + " wrote but failed with " + code,
                                request.toString());
                    }
                    before = after;
                }
            }
        }
        assertTrue(problems.isEmpty(), "problems: " + problems.keySet() + "; first example: "
                + problems.values().stream().findFirst().orElse(""));
        assertTrue(seen.getOrDefault(Status.Code.INVALID_ARGUMENT, 0) > 100, "mostly refused: " + seen);
        assertTrue(seen.getOrDefault(Status.Code.OK, 0) > 0, "some got through: " + seen);
        assertEquals(0, AnchorServiceGrpc.newBlockingStub(server.channel())
                .verifyScores(VerifyScoresRequest.getDefaultInstance()).getMismatchesCount());
    }

    private static Status.Code call(MethodDescriptor<?, ?> method, DynamicMessage request) {
        MethodDescriptor<DynamicMessage, DynamicMessage> dynamic = MethodDescriptor
                .<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.getType())
                .setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(
                        ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor()
                                .getOutputType())))
                .build();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS);
        try {
            if (method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
                // A watch never ends by itself: reading its first message (or its error) is the answer.
                Iterator<DynamicMessage> stream = ClientCalls.blockingServerStreamingCall(server.channel(), dynamic,
                        options.withDeadlineAfter(300, TimeUnit.MILLISECONDS), request);
                stream.hasNext();
            } else {
                ClientCalls.blockingUnaryCall(server.channel(), dynamic, options, request);
            }
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private DynamicMessage message(Descriptor type, int depth) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(4) == 0) {
                continue;                                    // missing
            }
            if (field.isRepeated()) {
                int count = random.nextInt(20) == 0 ? 1001 + random.nextInt(50) : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    Object value = value(field, depth);
                    if (value != null) {
                        builder.addRepeatedField(field, value);
                    }
                }
            } else {
                Object value = value(field, depth);
                if (value != null) {
                    builder.setField(field, value);
                }
            }
        }
        return builder.build();
    }

    private Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case STRING -> string();
            case INT -> pick(0, 1, -1, 2, 4, 5, 8, 50, 1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE,
                    random.nextInt());
            case LONG -> pick(0L, 1L, -1L, 100_000L, 10_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong());
            case BOOLEAN -> random.nextBoolean();
            case DOUBLE -> random.nextDouble();
            case FLOAT -> random.nextFloat();
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFromUtf8(string());
            case ENUM -> enumValue(field);
            case MESSAGE -> depth > 3 ? null : nested(field, depth);
        };
    }

    private Object nested(FieldDescriptor field, int depth) {
        if (field.getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
            return DynamicMessage.newBuilder(field.getMessageType())
                    .setField(field.getMessageType().findFieldByName("seconds"),
                            pick(0L, -1L, 1_700_000_000L, 1_790_000_000L, 4_000_000_000L, 999_999_999_999L,
                                    Long.MIN_VALUE))
                    .setField(field.getMessageType().findFieldByName("nanos"),
                            pick(0, 1, 999_999_999, -1, 1_000_000_000))
                    .build();
        }
        return message(field.getMessageType(), depth + 1);
    }

    private EnumValueDescriptor enumValue(FieldDescriptor field) {
        List<EnumValueDescriptor> values = field.getEnumType().getValues();
        if (random.nextInt(6) == 0) {
            return field.getEnumType().findValueByNumberCreatingIfUnknown(pick(99, -1, 1 << 20));
        }
        return values.get(random.nextInt(values.size()));
    }

    private String string() {
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "mia";
            case 3 -> "anchors/mia";
            case 4 -> "guilds/g1";
            case 5 -> "anchors/mia/violations/0000000000000000000000000";
            case 6 -> "x".repeat(129 + random.nextInt(5000));
            case 7 -> "PORNOGRAPHY";
            case 8 -> "status = ACTIVE AND score <= 60";
            case 9 -> "tier = RESTRICTED";
            case 10 -> "\u0000\u0007\n\t";
            case 11 -> "名前🙂\uD800";
            case 12 -> "'; DROP TABLE anchors; --";
            default -> randomChars();
        };
    }

    private String randomChars() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(80); i > 0; i--) {
            text.append((char) random.nextInt(0x3000));
        }
        return text.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static Map<String, Long> rowCounts() throws SQLException {
        if (countEveryTable == null) {
            List<String> counts = new ArrayList<>();
            try (Statement statement = database.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                         + " WHERE UPPER(TABLE_SCHEMA) = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (tables.next()) {
                    counts.add("SELECT '" + tables.getString(1) + "', COUNT(*) FROM \"" + tables.getString(1) + "\"");
                }
            }
            assertTrue(counts.size() >= 10, "the check sees every table: " + counts);
            countEveryTable = String.join(" UNION ALL ", counts);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = database.createStatement();
             ResultSet rows = statement.executeQuery(countEveryTable)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }
}
