package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import com.anchorhealth.api.v1.AccessProto;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodRolesTest {

    /** A new RPC without its access declared would be refused to everyone: the contract must declare it. */
    @Test
    void everyMethodOfTheContractDeclaresItsAccessAndTheServerServesThemAll() {
        Map<String, Boolean> declared = MethodRoles.contractMethods();
        assertEquals(Map.of(), declared.entrySet().stream().filter(method -> !method.getValue())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "methods without (access)");
        Set<String> served = Stream.of(AnchorServiceGrpc.getServiceDescriptor(),
                        ViolationServiceGrpc.getServiceDescriptor(), CapabilityServiceGrpc.getServiceDescriptor(),
                        GuildServiceGrpc.getServiceDescriptor(), PolicyServiceGrpc.getServiceDescriptor())
                .map(ServiceDescriptor::getMethods)
                .flatMap(methods -> methods.stream().map(MethodDescriptor::getFullMethodName))
                .collect(Collectors.toSet());
        assertEquals(served, declared.keySet());
        served.forEach(method -> assertTrue(MethodRoles.isPublic(method) || !MethodRoles.required(method).isEmpty(),
                method + " is open to nobody"));
    }

    /** Health checking reports the others NOT_SERVING while the database is down. */
    @Test
    void onlyTheCapabilityServiceDeclaresItAnswersFromMemory() {
        assertEquals(List.of("anchorhealth.v1.CapabilityService"), MethodRoles.contractServices().stream()
                .filter(service -> service.getOptions().getExtension(AccessProto.dependency).getAnswersFromMemory())
                .map(service -> service.getFullName()).toList());
    }

    /** DESIGN §11, method by method: who may call it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CapabilityService/CheckCapability|READER",
            "CapabilityService/WatchStandingChanges|READER",
            "ViolationService/RecordViolation|INGEST",
            "ViolationService/BatchRecordViolations|INGEST",
            "AnchorService/CompleteLearningTask|INGEST",
            "ViolationService/FileAppeal|INGEST GUILD_MANAGER",
            "ViolationService/DecideAppeal|MODERATOR",
            "GuildService/CreateGuild|MODERATOR",
            "GuildService/RecordGuildViolation|MODERATOR",
            "GuildService/AddGuildMember|MODERATOR GUILD_MANAGER",
            "GuildService/RemoveGuildMember|MODERATOR GUILD_MANAGER",
            "AnchorService/UpsertAnchor|INGEST MODERATOR GUILD_MANAGER",
            "PolicyService/SimulatePolicy|MODERATOR",
            "PolicyService/PublishPolicy|ADMIN",
            "AnchorService/VerifyScores|ADMIN",
            "AnchorService/AdjustScore|ADMIN",
            "ViolationService/GetAppeal|READER",
            "ViolationService/ListAppeals|READER",
            "GuildService/ListGuildEvents|READER",
    })
    void methodsRequireTheirRoles(String method, String roles) {
        String fullName = "anchorhealth.v1." + method;
        assertEquals(Arrays.stream(roles.split(" ")).map(Role::valueOf).collect(Collectors.toSet()),
                MethodRoles.required(fullName));
        assertFalse(MethodRoles.isPublic(fullName));
    }

    @ParameterizedTest
    @CsvSource({
            "anchorhealth.v1.AnchorService/GetAnchor, true",
            "anchorhealth.v1.ViolationService/ListAppeals, true",
            "anchorhealth.v1.CapabilityService/WatchStandingChanges, true",
            "anchorhealth.v1.GuildService/AddGuildMember, true",
            "anchorhealth.v1.PolicyService/GetPolicy, false",
            "anchorhealth.v1.GuildService/ListPublicNotices, false",
    })
    void guildDataIsScopedAndThePolicyIsTheSameForEveryone(String method, boolean scoped) {
        assertEquals(scoped, MethodRoles.scoped(method));
    }

    @ParameterizedTest(name = "{0} may upsert: {1}; may write a profile field: {2}; may write its guild: {3}")
    @CsvSource({
            "READER, false, false, false",
            "INGEST, true, true, false",
            "MODERATOR, true, true, true",
            "GUILD_MANAGER, true, false, true",
            "ADMIN, true, true, true",
    })
    void profilesAreTheIngestsAndTheModeratorsButMembershipIsTheGuildCallsRole(Role holder, boolean mayUpsert,
                                                                               boolean mayWriteProfile,
                                                                               boolean mayWriteGuild) {
        assertEquals(mayUpsert, MethodRoles.allows(holder, MethodRoles.required(MethodRoles.UPSERT_ANCHOR)));
        assertEquals(mayWriteProfile, MethodRoles.allows(holder,
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, "anchor.display_name")));
        assertEquals(mayWriteGuild, MethodRoles.allows(holder,
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, MethodRoles.GUILD_ID_FIELD)));
        assertEquals(MethodRoles.required("anchorhealth.v1.GuildService/AddGuildMember"),
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, MethodRoles.GUILD_ID_FIELD));
    }

    @ParameterizedTest
    @CsvSource({
            "anchorhealth.v1.GuildService/ListPublicNotices",
            "grpc.health.v1.Health/Check",
            "grpc.health.v1.Health/Watch",
    })
    void publicNoticesAndHealthNeedNoToken(String method) {
        assertTrue(MethodRoles.isPublic(method));
    }

    @ParameterizedTest
    @CsvSource({
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    })
    void reflectionNeedsAReader(String method) {
        assertFalse(MethodRoles.isPublic(method));
        assertEquals(Set.of(Role.READER), MethodRoles.required(method));
    }

    @Test
    void anUnlistedMethodHasNoRole() {
        assertEquals(Set.of(), MethodRoles.required("anchorhealth.v1.AnchorService/DeleteEverything"));
        assertFalse(MethodRoles.isPublic("anchorhealth.v1.AnchorService/DeleteEverything"));
    }

    @ParameterizedTest
    @CsvSource({
            // holder, required, may call
            "READER, READER, true",
            "READER, INGEST, false",
            "READER, MODERATOR, false",
            "READER, ADMIN, false",
            "INGEST, READER, true",
            "INGEST, INGEST, true",
            "INGEST, MODERATOR, false",
            "GUILD_MANAGER, READER, true",
            "GUILD_MANAGER, GUILD_MANAGER, true",
            "GUILD_MANAGER, MODERATOR, false",
            "GUILD_MANAGER, INGEST, false",
            "MODERATOR, READER, true",
            "MODERATOR, INGEST, false",
            "MODERATOR, GUILD_MANAGER, false",
            "MODERATOR, MODERATOR, true",
            "MODERATOR, ADMIN, false",
            "ADMIN, READER, true",
            "ADMIN, INGEST, true",
            "ADMIN, GUILD_MANAGER, true",
            "ADMIN, MODERATOR, true",
            "ADMIN, ADMIN, true",
    })
    void rolesCoverReadsTheirOwnWritesAndAdminEverything(Role holder, Role required, boolean mayCall) {
        assertEquals(mayCall, holder.covers(required));
    }
}
