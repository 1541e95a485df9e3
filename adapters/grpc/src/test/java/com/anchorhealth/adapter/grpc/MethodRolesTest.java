package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
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

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodRolesTest {

    /** A new RPC without a role would be refused to everyone: the table must name it. */
    @Test
    void everyMethodOfEveryServiceIsPublicOrHasARole() {
        List<String> unlisted = Stream.of(AnchorServiceGrpc.getServiceDescriptor(),
                        ViolationServiceGrpc.getServiceDescriptor(), CapabilityServiceGrpc.getServiceDescriptor(),
                        GuildServiceGrpc.getServiceDescriptor(), PolicyServiceGrpc.getServiceDescriptor())
                .map(ServiceDescriptor::getMethods)
                .flatMap(methods -> methods.stream().map(MethodDescriptor::getFullMethodName))
                .filter(method -> !MethodRoles.isPublic(method) && MethodRoles.required(method).isEmpty())
                .toList();
        assertEquals(List.of(), unlisted, "methods missing from MethodRoles");
    }

    @ParameterizedTest
    @CsvSource({
            "anchorhealth.v1.CapabilityService/CheckCapability, READER",
            "anchorhealth.v1.CapabilityService/WatchStandingChanges, READER",
            "anchorhealth.v1.ViolationService/RecordViolation, INGEST",
            "anchorhealth.v1.AnchorService/CompleteLearningTask, INGEST",
            "anchorhealth.v1.ViolationService/DecideAppeal, BACKOFFICE",
            "anchorhealth.v1.PolicyService/SimulatePolicy, BACKOFFICE",
            "anchorhealth.v1.PolicyService/PublishPolicy, ADMIN",
            "anchorhealth.v1.AnchorService/VerifyScores, ADMIN",
            "anchorhealth.v1.AnchorService/AdjustScore, ADMIN",
            "anchorhealth.v1.ViolationService/GetAppeal, READER",
            "anchorhealth.v1.ViolationService/ListAppeals, READER",
            "anchorhealth.v1.GuildService/ListGuildEvents, READER",
    })
    void methodsRequireTheirRole(String method, Role role) {
        assertEquals(Set.of(role), MethodRoles.required(method));
        assertFalse(MethodRoles.isPublic(method));
    }

    @ParameterizedTest(name = "{0} may upsert a profile: {1}; may write its guild: {2}")
    @CsvSource({
            "READER, false, false",
            "INGEST, true, false",
            "BACKOFFICE, true, true",
            "ADMIN, true, true",
    })
    void profilesAreTheIngestsAndTheBackOfficesButMembershipIsTheGuildCallsRole(Role holder, boolean mayUpsert,
                                                                                boolean mayWriteGuild) {
        assertEquals(mayUpsert, MethodRoles.allows(holder, MethodRoles.required(MethodRoles.UPSERT_ANCHOR)));
        assertEquals(mayWriteGuild, MethodRoles.allows(holder,
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, MethodRoles.GUILD_ID_FIELD)));
        assertEquals(MethodRoles.required("anchorhealth.v1.GuildService/AddGuildMember"),
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, MethodRoles.GUILD_ID_FIELD));
        assertEquals(MethodRoles.required(MethodRoles.UPSERT_ANCHOR),
                MethodRoles.requiredToWrite(MethodRoles.UPSERT_ANCHOR, "anchor.display_name"),
                "other fields need what the method needs");
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
            "READER, BACKOFFICE, false",
            "READER, ADMIN, false",
            "INGEST, READER, true",
            "INGEST, INGEST, true",
            "INGEST, BACKOFFICE, false",
            "INGEST, ADMIN, false",
            "BACKOFFICE, READER, true",
            "BACKOFFICE, INGEST, false",
            "BACKOFFICE, BACKOFFICE, true",
            "BACKOFFICE, ADMIN, false",
            "ADMIN, READER, true",
            "ADMIN, INGEST, true",
            "ADMIN, BACKOFFICE, true",
            "ADMIN, ADMIN, true",
    })
    void rolesCoverReadsTheirOwnWritesAndAdminEverything(Role holder, Role required, boolean mayCall) {
        assertEquals(mayCall, holder.covers(required));
    }
}
