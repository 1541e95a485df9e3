package com.anchorhealth.adapter.access;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.adapter.access.Role.ADMIN;
import static com.anchorhealth.adapter.access.Role.BACKOFFICE;
import static com.anchorhealth.adapter.access.Role.INGEST;
import static com.anchorhealth.adapter.access.Role.READER;
import static java.util.Map.entry;

/**
 * The role each method requires, by full gRPC method name. A method in neither this table nor the
 * public lists is open to nobody, so a new RPC is refused until it is given a role here. The web
 * console asks the same table for the method each of its forms stands for.
 */
public final class MethodRoles {
    private static final String ANCHORS = "anchorhealth.v1.AnchorService/";
    private static final String VIOLATIONS = "anchorhealth.v1.ViolationService/";
    private static final String CAPABILITIES = "anchorhealth.v1.CapabilityService/";
    private static final String GUILDS = "anchorhealth.v1.GuildService/";
    private static final String POLICIES = "anchorhealth.v1.PolicyService/";

    private static final Map<String, Role> REQUIRED = Map.ofEntries(
            entry(ANCHORS + "UpsertAnchor", INGEST),
            entry(ANCHORS + "GetAnchor", READER),
            entry(ANCHORS + "ListAnchors", READER),
            entry(ANCHORS + "ListScoreEvents", READER),
            entry(ANCHORS + "CompleteLearningTask", INGEST),
            entry(ANCHORS + "VerifyScores", ADMIN),

            entry(VIOLATIONS + "RecordViolation", INGEST),
            entry(VIOLATIONS + "BatchRecordViolations", INGEST),
            entry(VIOLATIONS + "GetViolation", READER),
            entry(VIOLATIONS + "ListViolations", READER),
            entry(VIOLATIONS + "FileAppeal", INGEST),
            entry(VIOLATIONS + "DecideAppeal", BACKOFFICE),

            entry(CAPABILITIES + "CheckCapability", READER),
            entry(CAPABILITIES + "BatchCheckCapabilities", READER),
            entry(CAPABILITIES + "WatchStandingChanges", READER),

            entry(GUILDS + "CreateGuild", BACKOFFICE),
            entry(GUILDS + "GetGuild", READER),
            entry(GUILDS + "ListGuilds", READER),
            entry(GUILDS + "AddGuildMember", BACKOFFICE),
            entry(GUILDS + "RemoveGuildMember", BACKOFFICE),
            entry(GUILDS + "RecordGuildViolation", BACKOFFICE),

            entry(POLICIES + "GetPolicy", READER),
            entry(POLICIES + "ListPolicyVersions", READER),
            entry(POLICIES + "PublishPolicy", ADMIN),
            entry(POLICIES + "SimulatePolicy", BACKOFFICE));

    /** Anyone may read the public notices (DESIGN §5). */
    private static final Set<String> PUBLIC_METHODS = Set.of(GUILDS + "ListPublicNotices");

    /** Load balancers probe health before they could hold a token. */
    private static final Set<String> PUBLIC_SERVICES = Set.of("grpc.health.v1.Health");

    /** The schema is no secret, but serving it costs; tools that read it (buf curl) send a token. */
    private static final Map<String, Role> REQUIRED_BY_SERVICE = Map.of(
            "grpc.reflection.v1.ServerReflection", READER,
            "grpc.reflection.v1alpha.ServerReflection", READER);

    private MethodRoles() {
    }

    public static boolean isPublic(String fullMethodName) {
        return PUBLIC_METHODS.contains(fullMethodName)
                || PUBLIC_SERVICES.contains(serviceOf(fullMethodName));
    }

    /** The role a method requires; empty for a method that is not listed, which nobody may call. */
    public static Optional<Role> required(String fullMethodName) {
        return Optional.ofNullable(REQUIRED.get(fullMethodName))
                .or(() -> Optional.ofNullable(REQUIRED_BY_SERVICE.get(serviceOf(fullMethodName))));
    }

    /** {@code package.Service} of {@code package.Service/Method}, as gRPC names it. */
    private static String serviceOf(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        return slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
    }
}
