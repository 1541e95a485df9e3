package com.anchorhealth.adapter.access;

import com.anchorhealth.api.v1.AccessProto;
import com.anchorhealth.api.v1.AnchorProto;
import com.anchorhealth.api.v1.CapabilityProto;
import com.anchorhealth.api.v1.GuildProto;
import com.anchorhealth.api.v1.MethodAccess;
import com.anchorhealth.api.v1.PolicyProto;
import com.anchorhealth.api.v1.ScopeEffect;
import com.anchorhealth.api.v1.ViolationProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles that may call each method, read from the {@code (anchorhealth.v1.access)} option every
 * method carries in the {@code .proto} files, so that the contract, the gRPC interceptor and the web
 * console say the same. A caller needs a role that covers one of a method's roles; a method without
 * the option is open to nobody, so a new RPC is refused until its access is declared.
 */
public final class MethodRoles {
    private static final String ANCHORS = "anchorhealth.v1.AnchorService/";

    public static final String UPSERT_ANCHOR = ANCHORS + "UpsertAnchor";
    public static final String GUILD_ID_FIELD = "anchor.guild_id";
    /** A field rule for every field a method writes that no other rule names. */
    private static final String ANY_OTHER_FIELD = "*";

    private static final List<FileDescriptor> CONTRACT = List.of(AnchorProto.getDescriptor(),
            ViolationProto.getDescriptor(), CapabilityProto.getDescriptor(), GuildProto.getDescriptor(),
            PolicyProto.getDescriptor());

    private static final Map<String, MethodAccess> DECLARED = declared();

    /** Load balancers probe health before they could hold a token. */
    private static final Set<String> PUBLIC_SERVICES = Set.of("grpc.health.v1.Health");

    /** The schema is no secret, but serving it costs; tools that read it (buf curl) send a token. */
    private static final Map<String, Set<Role>> REQUIRED_BY_SERVICE = Map.of(
            "grpc.reflection.v1.ServerReflection", Set.of(Role.READER),
            "grpc.reflection.v1alpha.ServerReflection", Set.of(Role.READER));

    private MethodRoles() {
    }

    /** The services of the contract, with the options they declare. */
    public static List<ServiceDescriptor> contractServices() {
        return CONTRACT.stream().flatMap(file -> file.getServices().stream()).toList();
    }

    /** Every method of the contract, {@code package.Service/Method}, and whether it declares its access. */
    public static Map<String, Boolean> contractMethods() {
        Map<String, Boolean> methods = new HashMap<>();
        for (ServiceDescriptor service : contractServices()) {
            for (MethodDescriptor method : service.getMethods()) {
                methods.put(fullName(method), method.getOptions().hasExtension(AccessProto.access));
            }
        }
        return methods;
    }

    public static boolean isPublic(String fullMethodName) {
        return Optional.ofNullable(DECLARED.get(fullMethodName)).map(MethodAccess::getPublic).orElse(false)
                || PUBLIC_SERVICES.contains(serviceOf(fullMethodName));
    }

    /** The roles any of which may call a method; empty for a method that declares none, which nobody may call. */
    public static Set<Role> required(String fullMethodName) {
        MethodAccess access = DECLARED.get(fullMethodName);
        if (access == null) {
            return REQUIRED_BY_SERVICE.getOrDefault(serviceOf(fullMethodName), Set.of());
        }
        return roles(access.getRolesList());
    }

    /** The roles any of which may write {@code field} through the method: the method's own unless declared otherwise. */
    public static Set<Role> requiredToWrite(String fullMethodName, String field) {
        MethodAccess access = DECLARED.get(fullMethodName);
        if (access == null) {
            return required(fullMethodName);
        }
        return access.getFieldsList().stream().filter(rule -> rule.getField().equals(field)).findFirst()
                .or(() -> access.getFieldsList().stream().filter(rule -> rule.getField().equals(ANY_OTHER_FIELD))
                        .findFirst())
                .map(rule -> roles(rule.getRolesList()))
                .orElseGet(() -> required(fullMethodName));
    }

    /** Whether a scoped caller sees only its guilds' part of what the method reads or writes. */
    public static boolean scoped(String fullMethodName) {
        return Optional.ofNullable(DECLARED.get(fullMethodName))
                .map(access -> access.getScope() == ScopeEffect.SCOPE_EFFECT_GUILDS).orElse(false);
    }

    /** Whether a caller in {@code role} may call something that needs one of {@code required}. */
    public static boolean allows(Role role, Set<Role> required) {
        return required.stream().anyMatch(role::covers);
    }

    /** The roles in messages: {@code ingest or moderator}. */
    public static String labels(Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).collect(Collectors.joining(" or "));
    }

    private static Map<String, MethodAccess> declared() {
        Map<String, MethodAccess> declared = new HashMap<>();
        for (ServiceDescriptor service : contractServices()) {
            for (MethodDescriptor method : service.getMethods()) {
                if (method.getOptions().hasExtension(AccessProto.access)) {
                    declared.put(fullName(method), method.getOptions().getExtension(AccessProto.access));
                }
            }
        }
        return Map.copyOf(declared);
    }

    private static Set<Role> roles(Collection<com.anchorhealth.api.v1.Role> declared) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (com.anchorhealth.api.v1.Role role : declared) {
            roles.add(Role.valueOf(role.name().substring("ROLE_".length())));
        }
        return Set.copyOf(roles);
    }

    private static String fullName(MethodDescriptor method) {
        return method.getService().getFullName() + "/" + method.getName();
    }

    /** {@code package.Service} of {@code package.Service/Method}, as gRPC names it. */
    private static String serviceOf(String fullMethodName) {
        int slash = fullMethodName.lastIndexOf('/');
        return slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
    }
}
