package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.PolicyCodec;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.PersistenceContract.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every response a mutating call keeps with its request key reads back equal to what was answered. */
class JsonResponseSnapshotsTest {
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

        for (Object response : List.of(
                new ViolationView(violation, standing),
                new AppealView(decided, standing),
                new GuildView(created.guild(), 3),
                new RecordGuildViolation.Result(new GuildView(removal.guild(), 0), 60, true, removal.notice()),
                new AnchorView(anchor, standing),
                policy)) {
            assertEquals(response, snapshots.restore(snapshots.snapshot(response), response.getClass()),
                    response.getClass().getSimpleName());
        }
    }
}
