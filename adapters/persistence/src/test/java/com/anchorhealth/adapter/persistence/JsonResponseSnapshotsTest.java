package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.PersistenceContract.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every response a mutating call keeps with its request key reads back equal to what was answered,
 * whichever version of the service kept it.
 */
class JsonResponseSnapshotsTest {
    /** The responses of {@link #responses()} as the version before forms kept them, in that order. */
    private static final List<String> KEPT_BEFORE_FORMS = List.of(
            """
            {"violation":{"violationId":"v1","requestId":"req-mia-v1","report":{"anchorId":{"value":"mia"},"violationType":"COUNTERFEIT_GOODS","occurredAt":"2026-03-01T08:15:29.623Z","liveSessionId":"live-7","source":"moderation","evidenceRefs":["clip://1","chat://2 with spaces"]},"severity":"SERIOUS","revokesSelling":true,"recordedAt":"2026-03-01T08:15:30.123Z","basePoints":5,"surchargePoints":1,"points":6,"policyVersion":1,"state":"ACTIVE","noDeductionReason":null,"ledgerSequence":2},"standingAfter":{"anchorId":{"value":"mia"},"score":17,"initialScore":100,"tier":"SEVERELY_RESTRICTED","deniedCapabilities":["PK","LIVE_RECOMMENDATION","GIFTS","WITHDRAW_VIOLATION_INCOME","TRAFFIC_SUPPORT"],"pointsToNextThreshold":16,"nextTierDown":"REVOKED","inScope":true,"enforced":true,"policyVersion":3,"lastViolationAt":null,"asOf":"2026-03-01T08:15:30.246456789Z"}}""",
            """
            {"appeal":{"violation":{"violationId":"v1","requestId":"req-mia-v1","report":{"anchorId":{"value":"mia"},"violationType":"COUNTERFEIT_GOODS","occurredAt":"2026-03-01T08:15:29.623Z","liveSessionId":"live-7","source":"moderation","evidenceRefs":["clip://1","chat://2 with spaces"]},"severity":"SERIOUS","revokesSelling":true,"recordedAt":"2026-03-01T08:15:30.123Z","basePoints":5,"surchargePoints":1,"points":6,"policyVersion":1,"state":"ACTIVE","noDeductionReason":null,"ledgerSequence":2},"statement":"not me","filedAt":"2026-03-01T08:15:30.123Z","filedBy":"mia","state":"OVERTURNED","decidedAt":"2026-03-01T08:15:30.123Z","decisionNote":"clip shows another room","decidedBy":"moderator-3"},"standingAfter":{"anchorId":{"value":"mia"},"score":17,"initialScore":100,"tier":"SEVERELY_RESTRICTED","deniedCapabilities":["PK","LIVE_RECOMMENDATION","GIFTS","WITHDRAW_VIOLATION_INCOME","TRAFFIC_SUPPORT"],"pointsToNextThreshold":16,"nextTierDown":"REVOKED","inScope":true,"enforced":true,"policyVersion":3,"lastViolationAt":null,"asOf":"2026-03-01T08:15:30.246456789Z"}}""",
            """
            {"guild":{"guildId":"guild-1","displayName":"Starlight 星光","initialScore":100,"score":100,"status":"ACTIVE","eventSequence":1,"createdAt":"2026-03-01T08:15:30.123Z","removedAt":null},"memberCount":3}""",
            """
            {"guild":{"guild":{"guildId":"guild-1","displayName":"Starlight 星光","initialScore":100,"score":40,"status":"REMOVED","eventSequence":2,"createdAt":"2026-03-01T08:15:30.123Z","removedAt":"2026-03-01T08:15:30.123Z"},"memberCount":0},"points":60,"removed":true,"notice":{"noticeId":"notice-1","kind":"GUILD_REMOVED","subject":"guilds/guild-1","score":40,"publishedAt":"2026-03-01T08:15:30.123Z","reason":"score 40 fell to the removal line of 50 after: fake followers"}}""",
            """
            {"record":{"anchor":{"profile":{"anchorId":{"value":"mia"},"displayName":"Anchor mia","certification":"NONE","level":2,"fanCount":120000,"averageViewers":800,"guildId":"guild-1"},"score":{"anchorId":{"value":"mia"},"initialScore":100,"score":17,"ledgerSequence":1,"lastViolationAt":null},"sellingRevocations":0,"violationSessions":[],"cleanSince":null},"createdAt":"2026-03-01T08:15:30.123Z","updatedAt":"2026-03-01T08:15:30.123Z"},"standing":{"anchorId":{"value":"mia"},"score":17,"initialScore":100,"tier":"SEVERELY_RESTRICTED","deniedCapabilities":["PK","LIVE_RECOMMENDATION","GIFTS","WITHDRAW_VIOLATION_INCOME","TRAFFIC_SUPPORT"],"pointsToNextThreshold":16,"nextTierDown":"REVOKED","inScope":true,"enforced":true,"policyVersion":3,"lastViolationAt":null,"asOf":"2026-03-01T08:15:30.246456789Z"}}""",
            "\"policy-document\"");

    private final Policy policy = DefaultPolicy.candidate().withVersion(3, T0);
    /** Stands for the published document form: one policy, one document. */
    private final PolicyCodec documents = new PolicyCodec() {
        @Override
        public String encode(Policy encoded) {
            assertEquals(policy, encoded);
            return "policy-document";
        }

        @Override
        public Policy decode(String document) {
            assertEquals("policy-document", document);
            return policy;
        }
    };
    private final JsonResponseSnapshots snapshots = new JsonResponseSnapshots(documents);

    @Test
    void everyKeptResponseReadsBackEqual() {
        for (Object response : responses()) {
            assertEquals(response, snapshots.restore(snapshots.snapshot(response), response.getClass()),
                    response.getClass().getSimpleName());
        }
    }

    @Test
    void aResponseIsKeptInItsNamedAndVersionedForm() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (Object response : responses()) {
            JsonNode document = new ObjectMapper().readTree(snapshots.snapshot(response));
            assertEquals(1, document.get("version").asInt());
            kinds.add(document.get("form").asText());
        }
        assertEquals(List.of("violation", "appeal", "guild", "guild_violation", "anchor", "policy"), kinds);
    }

    /** An anchor's live sessions grow with its violations, and no response shows them. */
    @Test
    void anAnchorIsKeptWithoutItsLiveSessions() {
        AnchorView view = responses().stream().filter(AnchorView.class::isInstance).map(AnchorView.class::cast)
                .findFirst().orElseThrow();
        Anchor withSessions = new Anchor(view.record().profile(), view.record().score(), 2,
                new HeldSessions(Map.of("live-1", T0, "live-2", T0), Optional.empty()), Optional.of(T0));
        AnchorView kept = new AnchorView(new AnchorRecord(withSessions, T0, T0), view.standing());

        String snapshot = snapshots.snapshot(kept);

        assertFalse(snapshot.contains("live-1"), snapshot);
        AnchorView restored = snapshots.restore(snapshot, AnchorView.class);
        assertEquals(kept.record().profile(), restored.record().profile());
        assertEquals(kept.record().score(), restored.record().score());
        assertEquals(kept.standing(), restored.standing());
        assertEquals(2, restored.record().anchor().sellingRevocations());
        assertEquals(HeldSessions.NONE, restored.record().anchor().heldSessions());
    }

    /** Documents exactly as the version before forms kept them (Jackson over the records), read by the forms. */
    @Test
    void responsesKeptBeforeFormsStillAnswerTheirRetries() {
        List<Object> responses = responses();
        for (int i = 0; i < responses.size(); i++) {
            Object response = responses.get(i);
            assertEquals(response, snapshots.restore(KEPT_BEFORE_FORMS.get(i), response.getClass()),
                    response.getClass().getSimpleName());
        }
        AnchorView withSessions = snapshots.restore(KEPT_BEFORE_FORMS.get(4).replace("\"violationSessions\":[]",
                "\"violationSessions\":[\"live-1\",\"live-2\"]"), AnchorView.class);
        assertEquals(HeldSessions.NONE, withSessions.record().anchor().heldSessions());
    }

    /**
     * During a deploy an older instance answers retries of keys a newer one kept: a newer version
     * only adds fields, and those this version does not know are passed over.
     */
    @Test
    void aNewerVersionWithFieldsThisOneDoesNotKnowIsReadByTheFieldsItKnows() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Object response : responses()) {
            ObjectNode newer = (ObjectNode) json.readTree(snapshots.snapshot(response));
            newer.put("version", 2);
            newer.putObject("addedLater").put("anything", 1);
            newer.fields().forEachRemaining(field -> {
                if (field.getValue() instanceof ObjectNode object) {
                    object.put("renamedOrAddedComponent", "x");
                }
            });
            assertEquals(response, snapshots.restore(newer.toString(), response.getClass()),
                    response.getClass().getSimpleName());
        }
    }

    @Test
    void aResponseKeptAsOneKindIsNotReadAsAnother() {
        String guild = snapshots.snapshot(responses().get(2));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> snapshots.restore(guild, AnchorView.class));
        assertTrue(refused.getMessage().contains("guild"), refused.getMessage());
    }

    private List<Object> responses() {
        AnchorRecord anchor = PersistenceContract.anchor("mia", 17, Optional.of("guild-1"));
        Standing standing = anchor.anchor().standingAt(policy, T0.plusNanos(123_456_789));
        assertTrue(!standing.deniedCapabilities().isEmpty() && standing.nextTierDown().isPresent(),
                "a standing with denials and a tier below, so that sets and optionals are kept");
        RecordedViolation violation = PersistenceContract.violation("v1", "mia", Optional.of("live-7"), true,
                ViolationState.ACTIVE);
        Appeal decided = new Appeal(violation, "not me", T0, "mia", AppealState.OVERTURNED, Optional.of(T0),
                Optional.of("clip shows another room"), Optional.of("moderator-3"));
        Guild.Created created = Guild.create("guild-1", "Starlight 星光", GuildRules.defaults(), T0, "back-office");
        Guild.Deducted removal = created.guild().deduct(60, GuildEventKind.OWN_VIOLATION, Optional.empty(),
                Optional.empty(), "fake followers", GuildRules.defaults(), "notice-1", T0, "back-office");
        return List.of(
                new ViolationView(violation, standing),
                new AppealView(decided, standing),
                new GuildView(created.guild(), 3),
                new RecordGuildViolation.Result(new GuildView(removal.guild(), 0), 60, true, removal.notice()),
                new AnchorView(anchor, standing),
                policy);
    }
}
