package com.anchorhealth.adapter.access;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.access.Role.ADMIN;
import static com.anchorhealth.adapter.access.Role.BACKOFFICE;
import static com.anchorhealth.adapter.access.Role.INGEST;
import static com.anchorhealth.adapter.access.Role.READER;
import static java.util.Map.entry;

/**
 * The roles that may call each method, by full method name (a caller needs a role that covers one
 * of them), and the fields whose writing needs the role of another method. A method in neither this
 * table nor the public lists is open to nobody, so a new RPC is refused until it is given a role here.
 * The web console asks the same table for the method each of its forms stands for.
 */
public final class MethodRoles {
    private static final String ANCHORS = "anchorhealth.v1.AnchorService/";
    private static final String VIOLATIONS = "anchorhealth.v1.ViolationService/";
    private static final String CAPABILITIES = "anchorhealth.v1.CapabilityService/";
    private static final String GUILDS = "anchorhealth.v1.GuildService/";
    private static final String POLICIES = "anchorhealth.v1.PolicyService/";

    public static final String UPSERT_ANCHOR = ANCHORS + "UpsertAnchor";
    public static final String GUILD_ID_FIELD = "anchor.guild_id";

    private static final Map<String, Set<Role>> REQUIRED = Map.ofEntries(
            // Profiles come from the platform's sync (ingest) and from the back office.
            entry(UPSERT_ANCHOR, Set.of(INGEST, BACKOFFICE)),
            entry(ANCHORS + "GetAnchor", Set.of(READER)),
            entry(ANCHORS + "ListAnchors", Set.of(READER)),
            entry(ANCHORS + "ListScoreEvents", Set.of(READER)),
            entry(ANCHORS + "CompleteLearningTask", Set.of(INGEST)),
            entry(ANCHORS + "VerifyScores", Set.of(ADMIN)),
            entry(ANCHORS + "AdjustScore", Set.of(ADMIN)),

            entry(VIOLATIONS + "RecordViolation", Set.of(INGEST)),
            entry(VIOLATIONS + "BatchRecordViolations", Set.of(INGEST)),
            entry(VIOLATIONS + "GetViolation", Set.of(READER)),
            entry(VIOLATIONS + "ListViolations", Set.of(READER)),
            entry(VIOLATIONS + "FileAppeal", Set.of(INGEST)),
            entry(VIOLATIONS + "DecideAppeal", Set.of(BACKOFFICE)),
            entry(VIOLATIONS + "GetAppeal", Set.of(READER)),
            entry(VIOLATIONS + "ListAppeals", Set.of(READER)),

            entry(CAPABILITIES + "CheckCapability", Set.of(READER)),
            entry(CAPABILITIES + "BatchCheckCapabilities", Set.of(READER)),
            entry(CAPABILITIES + "WatchStandingChanges", Set.of(READER)),

            entry(GUILDS + "CreateGuild", Set.of(BACKOFFICE)),
            entry(GUILDS + "GetGuild", Set.of(READER)),
            entry(GUILDS + "ListGuilds", Set.of(READER)),
            entry(GUILDS + "AddGuildMember", Set.of(BACKOFFICE)),
            entry(GUILDS + "RemoveGuildMember", Set.of(BACKOFFICE)),
            entry(GUILDS + "RecordGuildViolation", Set.of(BACKOFFICE)),
            entry(GUILDS + "ListGuildEvents", Set.of(READER)),

            entry(POLICIES + "GetPolicy", Set.of(READER)),
            entry(POLICIES + "ListPolicyVersions", Set.of(READER)),
            entry(POLICIES + "PublishPolicy", Set.of(ADMIN)),
            entry(POLICIES + "SimulatePolicy", Set.of(BACKOFFICE)));

    /**
     * A field one method writes whose change belongs to another method: membership is the guild
     * calls', so an UpsertAnchor that writes the guild needs what AddGuildMember needs.
     */
    private static final Map<String, String> FIELDS_GOVERNED_ELSEWHERE = Map.of(
            UPSERT_ANCHOR + "#" + GUILD_ID_FIELD, GUILDS + "AddGuildMember");

    /** Anyone may read the public notices (DESIGN §5). */
    private static final Set<String> PUBLIC_METHODS = Set.of(GUILDS + "ListPublicNotices");

    /** Load balancers probe health before they could hold a token. */
    private static final Set<String> PUBLIC_SERVICES = Set.of("grpc.health.v1.Health");

    /** The schema is no secret, but serving it costs; tools that read it (buf curl) send a token. */
    private static final Map<String, Set<Role>> REQUIRED_BY_SERVICE = Map.of(
            "grpc.reflection.v1.ServerReflection", Set.of(READER),
            "grpc.reflection.v1alpha.ServerReflection", Set.of(READER));

    private MethodRoles() {
    }

    public static boolean isPublic(String fullMethodName) {
        return PUBLIC_METHODS.contains(fullMethodName)
                || PUBLIC_SERVICES.contains(serviceOf(fullMethodName));
    }

    /** The roles any of which may call a method; empty for a method that is not listed, which nobody may call. */
    public static Set<Role> required(String fullMethodName) {
        return Optional.ofNullable(REQUIRED.get(fullMethodName))
                .or(() -> Optional.ofNullable(REQUIRED_BY_SERVICE.get(serviceOf(fullMethodName))))
                .orElse(Set.of());
    }

    /** The roles any of which may write {@code field} through the method: the method's own unless governed elsewhere. */
    public static Set<Role> requiredToWrite(String fullMethodName, String field) {
        return required(FIELDS_GOVERNED_ELSEWHERE.getOrDefault(fullMethodName + "#" + field, fullMethodName));
    }

    /** Whether a caller in {@code role} may call something that needs one of {@code required}. */
    public static boolean allows(Role role, Set<Role> required) {
        return required.stream().anyMatch(role::covers);
    }

    /** The roles in messages: {@code ingest or backoffice}. */
    public static String labels(Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).collect(Collectors.joining(" or "));
    }

    /** {@code package.Service} of {@code package.Service/Method}, as gRPC names it. */
    private static String serviceOf(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        return slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
    }
}
