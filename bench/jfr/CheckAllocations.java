import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the capability check's own code allocates, from JFR's allocation samples (PERFORMANCE.md 1c):
 * <pre>
 * java -XX:StartFlightRecording=filename=cap.jfr,settings=profile -Xmx2g \
 *     -jar bench/target/anchor-health-bench.jar capability --concurrency 64 --seconds 60 --reps 1 \
 *     --open-fractions 0.25 --open-fraction 0.25 --bare-executor direct
 * java bench/jfr/CheckAllocations.java cap.jfr
 * </pre>
 * Each sample is weighted by the bytes it stands for. The server's capability calls are the samples
 * whose stack passes through the gRPC server and through CapabilityGrpcService or the parse of a
 * CheckCapabilityRequest, by protobuf or by CheckRequestMarshaller (the load client's and the bare
 * Health server's are left out). A sample is the check's own when the frames above its innermost
 * frame of the service's code (com.anchorhealth: use case, index, rules, gRPC service, marshallers,
 * generated messages) are only JDK or protobuf frames; the rest is gRPC's, Netty's and the server's
 * interceptors'. Read as it streams, since the recording of two minutes holds hundreds of thousands
 * of samples.
 */
public final class CheckAllocations {
    private static final List<String> SERVER = List.of("io.grpc.internal.ServerImpl", "io.grpc.internal.ServerCallImpl");
    private static final List<String> CALL = List.of("com.anchorhealth.adapter.grpc.CapabilityGrpcService",
            "com.anchorhealth.api.v1.CheckCapabilityRequest", "com.anchorhealth.adapter.grpc.CheckRequestMarshaller");
    private static final List<String> LIBRARY = List.of("java.", "jdk.", "sun.", "com.google.protobuf.");

    public static void main(String[] args) throws IOException {
        long calls = 0;
        Map<String, Long> own = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ObjectAllocationSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!passesThrough(frames, SERVER) || !passesThrough(frames, CALL)) {
                    continue;
                }
                long weight = event.getLong("weight");
                calls += weight;
                for (int depth = 0; depth < frames.size(); depth++) {
                    String type = typeOf(frames.get(depth));
                    if (type.startsWith("com.anchorhealth.")) {
                        if (onlyLibraryAbove(frames, depth)) {
                            String allocated = event.getClass("objectClass").getName();
                            own.merge(allocated + " <- " + type.substring(type.lastIndexOf('.') + 1) + "."
                                    + frames.get(depth).getMethod().getName(), weight, Long::sum);
                        }
                        break;
                    }
                }
            }
        }
        long total = own.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("capability calls' sampled bytes: %.1f MB; the check's own: %.1f MB (%.1f%%)%n",
                calls / 1e6, total / 1e6, 100.0 * total / Math.max(calls, 1));
        long all = calls;
        own.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(40)
                .forEach(entry -> System.out.printf("  %5.2f%%  %8.2f MB  %s%n", 100.0 * entry.getValue() / all,
                        entry.getValue() / 1e6, entry.getKey()));
    }

    private static String typeOf(RecordedFrame frame) {
        return frame.getMethod().getType().getName();
    }

    private static boolean passesThrough(List<RecordedFrame> frames, List<String> prefixes) {
        return frames.stream().map(CheckAllocations::typeOf).anyMatch(type -> prefixes.stream().anyMatch(type::startsWith));
    }

    private static boolean onlyLibraryAbove(List<RecordedFrame> frames, int depth) {
        return frames.subList(0, depth).stream().map(CheckAllocations::typeOf)
                .allMatch(type -> LIBRARY.stream().anyMatch(type::startsWith));
    }
}
