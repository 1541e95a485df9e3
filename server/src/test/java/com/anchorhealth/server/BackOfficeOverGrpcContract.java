package com.anchorhealth.server;

import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetAppealRequest;
import com.anchorhealth.api.v1.GuildEvent;
import com.anchorhealth.api.v1.ListAppealsRequest;
import com.anchorhealth.api.v1.ListAppealsResponse;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.ListGuildEventsResponse;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the back office needs over gRPC: the queue of appeals, manual score adjustments, a guild's
 * ledger, and profile updates that never drop a membership by omission. Subclasses choose the database.
 */
abstract class BackOfficeOverGrpcContract extends OneServerContract {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void theQueueListsPendingAppealsOldestFirstAcrossAnchorsPageByPage() {
        String mia = registerAnchor(null);
        String zoe = registerAnchor(null);
        Appeal first = fileAppeal(recordViolation(mia, "VULGAR_LANGUAGE"));
        Appeal second = fileAppeal(recordViolation(zoe, "VULGAR_LANGUAGE"));
        Appeal third = fileAppeal(recordViolation(mia, "HARASSMENT"));
        Appeal decided = violations().decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId())
                .setAppeal(second.getName()).setDecision(DecideAppealRequest.Decision.UPHOLD).setNote("clear").build());

        List<String> pending = allAppeals("anchors/-", "state = PENDING", 1).stream().map(Appeal::getName)
                .filter(name -> name.startsWith("anchors/" + mia + "/") || name.startsWith("anchors/" + zoe + "/"))
                .toList();
        assertEquals(List.of(first.getName(), third.getName()), pending, "oldest first, decided ones out");
        assertEquals(List.of(first.getName(), third.getName()), allAppeals("anchors/" + mia, "", 1).stream()
                .map(Appeal::getName).toList());
        assertEquals(List.of(decided.getName()), allAppeals("anchors/" + zoe, "state = UPHELD", 5).stream()
                .map(Appeal::getName).toList());

        Appeal got = violations().getAppeal(GetAppealRequest.newBuilder().setName(third.getName()).build());
        assertEquals(third.getStatement(), got.getStatement());
        assertEquals(Appeal.State.PENDING, got.getState());
        assertEquals(getAnchor(mia).getStanding().getScore(), got.getStandingAfter().getScore(), "the standing now");
    }

    @Test
    void appealReadsRefuseWhatTheyCannotAnswer() {
        String mia = registerAnchor(null);
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> listAppeals("anchors/-",
                "state = DECIDED", 5, "")), "filter");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> listAppeals("guilds/g", "", 5, "")),
                "parent");
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> listAppeals(
                "anchors/nobody-" + UUID.randomUUID(), "", 5, "")).getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> violations().getAppeal(
                GetAppealRequest.newBuilder().setName(recordViolation(mia, "VULGAR_LANGUAGE").getName() + "/appeal")
                        .build())).getStatus().getCode(), "a violation without an appeal");
        fileAppeal(recordViolation(mia, "VULGAR_LANGUAGE"));
        fileAppeal(recordViolation(mia, "VULGAR_LANGUAGE"));
        String token = listAppeals("anchors/" + mia, "", 1, "").getNextPageToken();
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> listAppeals("anchors/" + mia,
                "state = PENDING", 1, token)), "page_token");
    }

    @Test
    void anAdjustmentIsALedgerEntryWithItsReasonClampedAndOnTheChangeFeed() {
        String mia = registerAnchor(null);
        recordViolation(mia, "PORNOGRAPHY"); // SEVERE at level 2: 7 points
        try (Watch watch = Watch.open(server.channel(), "")) {
            String watched = watch.awaitOneOf(() -> registerAnchor(null)).getAnchorId();
            Anchor adjusted = anchors().adjustScore(adjustment(watched, -45, "fraudulent gifting ring"));
            assertEquals(55, adjusted.getStanding().getScore());
            StandingChange change = watch.nextOf(watched, 1, PATIENCE).get(0);
            assertEquals(StandingChange.Cause.SCORE_ADJUSTED, change.getCause());
            assertEquals(100, change.getOldScore());
            assertEquals(55, change.getNewScore());
        }

        assertEquals(100, anchors().adjustScore(adjustment(mia, 50, "restored after review")).getStanding().getScore(),
                "93 + 50 is clamped to the initial score");
        ScoreEvent entry = lastScoreEvent(mia);
        assertEquals(ScoreEvent.Kind.ADJUSTMENT, entry.getKind());
        assertEquals(50, entry.getDelta());
        assertEquals(100, entry.getScoreAfter());
        assertEquals("restored after review", entry.getReason());
        assertEquals("anonymous", entry.getActor());
    }

    @Test
    void anOverturnReplaysTheScoreWithTheAdjustmentKept() {
        String mia = registerAnchor(null);
        Violation violation = recordViolation(mia, "PORNOGRAPHY");           // 100 - 7 = 93
        anchors().adjustScore(adjustment(mia, -20, "chargeback fraud"));     // 73
        Appeal appeal = fileAppeal(violation);
        Appeal overturned = violations().decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId())
                .setAppeal(appeal.getName()).setDecision(DecideAppealRequest.Decision.OVERTURN).build());
        assertEquals(80, overturned.getStandingAfter().getScore(), "100 - 20: only the violation is taken out");
        assertEquals(80, getAnchor(mia).getStanding().getScore());
    }

    @Test
    void aBadAdjustmentIsRefusedNamingEveryFieldAndWritesNothing() {
        String mia = registerAnchor(null);
        for (int delta : new int[] {0, 51, -51}) {
            assertFieldViolation(assertThrows(StatusRuntimeException.class,
                    () -> anchors().adjustScore(adjustment(mia, delta, "why"))), "delta");
        }
        StatusRuntimeException both = assertThrows(StatusRuntimeException.class,
                () -> anchors().adjustScore(adjustment(mia, 0, "  ")));
        assertFieldViolation(both, "delta");
        assertFieldViolation(both, "reason");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> anchors().adjustScore(
                adjustment(mia, 5, "why").toBuilder().setAnchor(mia).build())), "anchor");
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> anchors().adjustScore(
                adjustment("nobody-" + UUID.randomUUID(), 5, "why"))).getStatus().getCode());
        assertEquals(ScoreEvent.Kind.INITIAL, lastScoreEvent(mia).getKind(), "nothing written");
    }

    @Test
    void aGuildsLedgerNamesKindPointsScoreCauseAndActorOldestFirst() {
        String guildId = "guild-" + UUID.randomUUID();
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                .setDisplayName("Starlight").build());
        guilds().recordGuildViolation(RecordGuildViolationRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setSeverity(Severity.SERIOUS).setDescription("fake followers").build());
        String member = registerAnchor(guildId);
        Violation severe = recordViolation(member, "PORNOGRAPHY");
        violations().decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId())
                .setAppeal(fileAppeal(severe).getName()).setDecision(DecideAppealRequest.Decision.OVERTURN).build());

        List<GuildEvent> events = new ArrayList<>();
        String token = "";
        do {
            ListGuildEventsResponse page = guilds().listGuildEvents(ListGuildEventsRequest.newBuilder()
                    .setParent("guilds/" + guildId).setPageSize(3).setPageToken(token).build());
            events.addAll(page.getGuildEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertEquals(List.of(GuildEvent.Kind.INITIAL, GuildEvent.Kind.OWN_VIOLATION, GuildEvent.Kind.MEMBER_JOINED,
                GuildEvent.Kind.MEMBER_VIOLATION, GuildEvent.Kind.RESTORATION),
                events.stream().map(GuildEvent::getKind).toList());
        assertEquals(List.of(100, -10, 0, -2, 2), events.stream().map(GuildEvent::getDelta).toList());
        assertEquals(List.of(100, 90, 90, 88, 90), events.stream().map(GuildEvent::getScoreAfter).toList());
        assertEquals("fake followers", events.get(1).getDescription());
        assertEquals("anchors/" + member, events.get(2).getAnchor());
        assertEquals(severe.getName(), events.get(3).getViolation());
        assertEquals(severe.getName(), events.get(4).getViolation());
        assertEquals("", events.get(1).getViolation());
        assertEquals("guilds/" + guildId + "/events/5", events.get(4).getName());
        assertEquals(Set.of("anonymous"), Set.copyOf(events.stream().map(GuildEvent::getActor).toList()));
        assertTrue(events.stream().allMatch(GuildEvent::hasTime));
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> guilds()
                .listGuildEvents(ListGuildEventsRequest.newBuilder().setParent("guilds/nobody").build()))
                .getStatus().getCode());
    }

    @Test
    void aProfileSyncThatLeavesOutTheGuildKeepsTheMembershipAndAMaskWritesExactlyItsFields() {
        String guildId = "guild-" + UUID.randomUUID();
        guilds().createGuild(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                .setDisplayName("Starlight").build());
        String mia = registerAnchor(null);
        guilds().addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(mia).build());

        Anchor synced = anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(requestId())
                .setAnchor(Anchor.newBuilder().setAnchorId(mia).setDisplayName("Mia Live").setLevel(3)
                        .setFanCount(120_000)).build());
        assertEquals(guildId, synced.getGuildId(), "no mask: an empty guild_id is left out");
        assertEquals(3, synced.getLevel());

        Anchor renamed = upsertMasked(Anchor.newBuilder().setAnchorId(mia).setDisplayName("Mia").setLevel(1)
                .setGuildId("ignored"), "display_name");
        assertEquals("Mia", renamed.getDisplayName());
        assertEquals(3, renamed.getLevel(), "outside the mask");
        assertEquals(120_000, renamed.getFanCount());
        assertEquals(guildId, renamed.getGuildId());

        Anchor released = upsertMasked(Anchor.newBuilder().setAnchorId(mia), "guild_id", "fan_count");
        assertEquals("", released.getGuildId(), "a masked empty guild_id releases the membership");
        assertEquals(0, released.getFanCount());
        assertEquals("Mia", released.getDisplayName());
    }

    @Test
    void withoutAMaskAnEmptyNameAndLevelKeepTheStoredOnesButARegistrationNeedsThem() {
        String mia = registerAnchor(null);
        Anchor synced = anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(requestId())
                .setAnchor(Anchor.newBuilder().setAnchorId(mia).setFanCount(5_000)).build());
        assertEquals("Lin", synced.getDisplayName());
        assertEquals(2, synced.getLevel());
        assertEquals(5_000, synced.getFanCount());

        String newcomer = "anchor-" + UUID.randomUUID();
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> anchors().upsertAnchor(
                UpsertAnchorRequest.newBuilder().setRequestId(requestId()).setAnchor(Anchor.newBuilder()
                        .setAnchorId(newcomer).setLevel(2)).build())), "anchor.display_name");
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> getAnchor(newcomer))
                .getStatus().getCode(), "nothing registered");
    }

    @Test
    void aMaskThatCannotBeAppliedIsRefusedAndWritesNothing() {
        String id = "anchor-" + UUID.randomUUID();
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> upsertMasked(Anchor.newBuilder()
                .setAnchorId(id).setDisplayName("Lin").setLevel(2), "display_name", "standing")), "update_mask.paths");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> upsertMasked(Anchor.newBuilder()
                .setAnchorId(id).setDisplayName("Lin").setLevel(2), "display_name")), "anchor.level");
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class, () -> getAnchor(id))
                .getStatus().getCode(), "nothing registered");
        assertEquals(2, upsertMasked(Anchor.newBuilder().setAnchorId(id).setDisplayName("Lin").setLevel(2),
                "display_name", "level").getLevel(), "a registration needs the name and the level in the mask");
    }

    private Anchor upsertMasked(Anchor.Builder anchor, String... paths) {
        return anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(requestId()).setAnchor(anchor)
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).build());
    }

    private List<Appeal> allAppeals(String parent, String filter, int pageSize) {
        List<Appeal> appeals = new ArrayList<>();
        String token = "";
        do {
            ListAppealsResponse page = listAppeals(parent, filter, pageSize, token);
            assertTrue(page.getAppealsCount() <= pageSize);
            appeals.addAll(page.getAppealsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return appeals;
    }

    private static ListAppealsResponse listAppeals(String parent, String filter, int pageSize, String token) {
        return violations().listAppeals(ListAppealsRequest.newBuilder().setParent(parent).setFilter(filter)
                .setPageSize(pageSize).setPageToken(token).build());
    }

    private static AdjustScoreRequest adjustment(String anchorId, int delta, String reason) {
        return AdjustScoreRequest.newBuilder().setRequestId(requestId()).setAnchor("anchors/" + anchorId)
                .setDelta(delta).setReason(reason).build();
    }

    private static ScoreEvent lastScoreEvent(String anchorId) {
        List<ScoreEvent> events = anchors().listScoreEvents(ListScoreEventsRequest.newBuilder()
                .setParent("anchors/" + anchorId).setPageSize(1000).build()).getScoreEventsList();
        return events.get(events.size() - 1);
    }

    private static Appeal fileAppeal(Violation violation) {
        return violations().fileAppeal(FileAppealRequest.newBuilder().setRequestId(requestId())
                .setViolation(violation.getName()).setStatement("it was a film clip").build());
    }

    private static Anchor getAnchor(String id) {
        return anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id).build());
    }
}
