package com.anchorhealth.server;

import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetGuildRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildEvent;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.ListGuildsRequest;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListPublicNoticesResponse;
import com.anchorhealth.api.v1.PublicNotice;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordGuildViolationResponse;
import com.anchorhealth.api.v1.RemoveGuildMemberRequest;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.Violation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static com.anchorhealth.server.StatusAssertions.assertPrecondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guilds end to end over gRPC with the default policy: own violations 2/5/10/20, members' serious 1
 * and severe 2, removal at or below 50 with a public notice. Subclasses choose the database.
 */
abstract class GuildsOverGrpcContract extends OneServerContract {
    @Test
    @SuppressWarnings("deprecation")
    void aGuildViolationNamesItsGuildByGuildOrByTheDeprecatedGuildIdThatV1KeepsAccepting() {
        String guildId = createGuild();
        RecordGuildViolationRequest byDeprecatedId = RecordGuildViolationRequest.newBuilder().setRequestId(requestId())
                .setGuildId(guildId).setSeverity(Severity.MINOR).setDescription("late payout report").build();
        assertEquals(98, guilds().recordGuildViolation(byDeprecatedId).getGuild().getScore());
        assertEquals(96, recordGuildViolation(guildId, Severity.MINOR).getGuild().getScore());
        assertEquals(94, guilds().recordGuildViolation(guildViolation(guildId, Severity.MINOR).toBuilder()
                .setGuildId(guildId).build()).getGuild().getScore(), "both fields naming the same guild");

        StatusRuntimeException disagreeing = assertThrows(StatusRuntimeException.class, () -> guilds()
                .recordGuildViolation(guildViolation(guildId, Severity.MINOR).toBuilder().setGuildId("another").build()));
        assertFieldViolation(disagreeing, "guild_id");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> guilds().recordGuildViolation(
                guildViolation(guildId, Severity.MINOR).toBuilder().setGuild(guildId).build())), "guild");
        assertEquals(94, getGuild(guildId).getScore(), "refused calls write nothing");
    }

    @Test
    void aGuildAtFiftyIsRemovedInTheViolationsTransactionWithItsNoticeAndMembersReleased() {
        String guildId = createGuild();
        String joinedByCall = registerAnchor(null);
        String joinedByProfile = registerAnchor(guildId);
        Guild joined = guilds().addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(joinedByCall).build());
        assertEquals(2, joined.getMemberCount());
        assertEquals(100, joined.getScore());

        assertEquals(20, recordGuildViolation(guildId, Severity.SEVERE).getPoints());
        assertEquals(75, recordGuildViolation(guildId, Severity.MODERATE).getGuild().getScore());
        recordViolation(joinedByCall, "PORNOGRAPHY");                  // SEVERE: 2 guild points
        recordViolation(joinedByProfile, "DANGEROUS_ACTS");            // SERIOUS: 1
        recordViolation(joinedByProfile, "VULGAR_LANGUAGE");           // MINOR: none
        assertEquals(72, getGuild(guildId).getScore());
        assertEquals(62, recordGuildViolation(guildId, Severity.SERIOUS).getGuild().getScore());
        assertEquals(52, recordGuildViolation(guildId, Severity.SERIOUS).getGuild().getScore());
        assertEquals(Guild.Status.ACTIVE, getGuild(guildId).getStatus());

        RecordGuildViolationRequest last = guildViolation(guildId, Severity.MINOR);
        RecordGuildViolationResponse removal = guilds().recordGuildViolation(last);
        assertTrue(removal.getRemoved());
        assertEquals(2, removal.getPoints());
        Guild removed = removal.getGuild();
        assertEquals(50, removed.getScore(), "at 50, not only below it");
        assertEquals(Guild.Status.REMOVED, removed.getStatus());
        assertEquals(0, removed.getMemberCount());
        assertTrue(removed.hasRemovedAt());
        PublicNotice notice = removal.getNotice();
        assertEquals(PublicNotice.Kind.GUILD_REMOVED, notice.getKind());
        assertEquals("guilds/" + guildId, notice.getSubject());
        assertEquals(50, notice.getScore());
        assertEquals(removed.getRemovedAt(), notice.getPublishedAt());

        assertEquals(removal, guilds().recordGuildViolation(last), "a retry returns the first result");
        assertEquals(50, getGuild(guildId).getScore(), "and deducts nothing more");
        assertEquals("", getAnchor(joinedByCall).getGuildId(), "members released");
        assertEquals("", getAnchor(joinedByProfile).getGuildId());
        assertEquals(notice, newestNotices(1).getNotices(0), "newest first");

        assertPrecondition(() -> guilds().addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(joinedByCall).build()), "GUILD_REMOVED");
        assertPrecondition(() -> registerAnchor(guildId), "GUILD_REMOVED");
        assertPrecondition(() -> recordGuildViolation(guildId, Severity.MINOR), "GUILD_REMOVED");
        assertEquals(50, getGuild(guildId).getScore(), "a removed guild takes no more violations");
        assertEquals(Guild.Status.REMOVED, getGuild(guildId).getStatus(), "removal is final");
    }

    @Test
    void noticesPageNewestFirst() {
        String older = createGuild();
        String newer = createGuild();
        removeByViolations(older);
        removeByViolations(newer);

        ListPublicNoticesResponse first = newestNotices(1);
        assertEquals("guilds/" + newer, first.getNotices(0).getSubject());
        assertFalse(first.getNextPageToken().isEmpty());
        ListPublicNoticesResponse second = guilds().listPublicNotices(ListPublicNoticesRequest.newBuilder()
                .setPageSize(1).setPageToken(first.getNextPageToken()).build());
        assertEquals("guilds/" + older, second.getNotices(0).getSubject());
    }

    @Test
    void anOverturnedMemberViolationGivesTheGuildItsPointsBack() {
        String guildId = createGuild();
        String member = registerAnchor(guildId);
        Violation violation = recordViolation(member, "GAMBLING_PROMOTION");
        assertEquals(98, getGuild(guildId).getScore());

        Appeal appeal = violations().fileAppeal(FileAppealRequest.newBuilder().setRequestId(requestId())
                .setViolation(violation.getName()).setStatement("a sponsor's banner, not a promotion").build());
        violations().decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId())
                .setAppeal(appeal.getName()).setDecision(DecideAppealRequest.Decision.OVERTURN).build());
        assertEquals(100, getGuild(guildId).getScore());
    }

    @Test
    void listingFiltersOnStatusAndScore() {
        String active = createGuild();
        String removed = createGuild();
        removeByViolations(removed);
        recordGuildViolation(active, Severity.SEVERE);

        List<String> removedGuilds = listGuildIds("status = REMOVED");
        assertTrue(removedGuilds.contains(removed));
        assertFalse(removedGuilds.contains(active));
        List<String> eighties = listGuildIds("status = ACTIVE AND score <= 80 AND score > 70");
        assertTrue(eighties.contains(active));
        assertFalse(eighties.contains(removed));
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> listGuildIds("members > 3")),
                "filter");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        String guildId = "guild-" + UUID.randomUUID();
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> guilds().createGuild(
                CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId).build())),
                "display_name");
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> getGuild(guildId)).getStatus().getCode(), "nothing was created");

        String created = createGuild();
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> guilds().recordGuildViolation(
                guildViolation(created, Severity.SEVERITY_UNSPECIFIED))), "severity");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> guilds().addGuildMember(
                AddGuildMemberRequest.newBuilder().setRequestId(requestId()).setGuild(created)
                        .setAnchorId("a").build())), "guild");
        assertEquals(100, getGuild(created).getScore());
        assertEquals(Status.Code.ALREADY_EXISTS, assertThrows(StatusRuntimeException.class, () -> guilds()
                .createGuild(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(created)
                        .setDisplayName("again").build())).getStatus().getCode());
        assertPrecondition(() -> guilds().removeGuildMember(RemoveGuildMemberRequest.newBuilder()
                .setRequestId(requestId()).setGuild("guilds/" + created).setAnchorId(registerAnchor(null)).build()),
                "NOT_A_MEMBER");
    }

    @Test
    void everyMembershipChangeIsAnEntryOfTheGuildsLedgerWithItsActor() {
        String guildId = createGuild();
        String byCall = registerAnchor(null);
        String byProfile = registerAnchor(guildId);
        AddGuildMemberRequest add = AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(byCall).build();
        guilds().addGuildMember(add);
        guilds().addGuildMember(add);
        guilds().addGuildMember(add.toBuilder().setRequestId(requestId()).build());
        guilds().removeGuildMember(RemoveGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(byProfile).build());

        List<GuildEvent> entries = guilds().listGuildEvents(ListGuildEventsRequest.newBuilder()
                .setParent("guilds/" + guildId).build()).getGuildEventsList();
        assertEquals(List.of(GuildEvent.Kind.INITIAL, GuildEvent.Kind.MEMBER_JOINED, GuildEvent.Kind.MEMBER_JOINED,
                GuildEvent.Kind.MEMBER_RELEASED), entries.stream().map(GuildEvent::getKind).toList(),
                "a retry, or adding a member again, changes nothing and logs nothing");
        assertEquals(List.of("anchors/" + byProfile, "anchors/" + byCall, "anchors/" + byProfile), entries.stream()
                .skip(1).map(GuildEvent::getAnchor).toList());
        assertTrue(entries.stream().allMatch(entry -> entry.getDelta() == 0 || entry.getKind() == GuildEvent.Kind.INITIAL));
        assertEquals(100, entries.get(3).getScoreAfter());
        assertFalse(entries.get(3).getActor().isEmpty());
    }

    @Test
    void anAnchorOfAnotherGuildJoinsOnlyOnceReleased() {
        String first = createGuild();
        String second = createGuild();
        String anchorId = registerAnchor(first);
        assertPrecondition(() -> guilds().addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + second).setAnchorId(anchorId).build()), "ANCHOR_IN_ANOTHER_GUILD");
        assertEquals(first, getAnchor(anchorId).getGuildId(), "the refused move wrote nothing");
        guilds().removeGuildMember(RemoveGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + first).setAnchorId(anchorId).build());
        assertEquals(1, guilds().addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + second).setAnchorId(anchorId).build()).getMemberCount());
    }

    private void removeByViolations(String guildId) {
        recordGuildViolation(guildId, Severity.SEVERE);
        recordGuildViolation(guildId, Severity.SEVERE);
        assertTrue(recordGuildViolation(guildId, Severity.SERIOUS).getRemoved(), "100 - 20 - 20 - 10 = 50");
    }

    private List<String> listGuildIds(String filter) {
        return guilds().listGuilds(ListGuildsRequest.newBuilder().setFilter(filter).setPageSize(1000).build())
                .getGuildsList().stream().map(Guild::getGuildId).toList();
    }

    private ListPublicNoticesResponse newestNotices(int pageSize) {
        return guilds().listPublicNotices(ListPublicNoticesRequest.newBuilder().setPageSize(pageSize).build());
    }

    private String createGuild() {
        String guildId = "guild-" + UUID.randomUUID();
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                .setDisplayName("Starlight Agency").build());
        return guildId;
    }

    private Guild getGuild(String guildId) {
        return guilds().getGuild(GetGuildRequest.newBuilder().setName("guilds/" + guildId).build());
    }

    private RecordGuildViolationResponse recordGuildViolation(String guildId, Severity severity) {
        return guilds().recordGuildViolation(guildViolation(guildId, severity));
    }

    private static RecordGuildViolationRequest guildViolation(String guildId, Severity severity) {
        return RecordGuildViolationRequest.newBuilder().setRequestId(requestId()).setGuild("guilds/" + guildId)
                .setSeverity(severity).setDescription("unpaid anchor contracts").build();
    }

    private Anchor getAnchor(String id) {
        return anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id).build());
    }
}
