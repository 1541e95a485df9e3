package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Facts;
import com.anchorhealth.domain.fixtures.Moments;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shared decision must be the one the rules would make afresh, for every anchor that reaches it. */
class SharedDecisionsTest {
    private static final Instant[] MOMENTS = {Moments.justBefore(Moments.TRIAL_START), Moments.TRIAL_START,
            Moments.ROLLOUT_30, Moments.DURING_TRIAL, Moments.ENFORCED_FROM, Moments.AFTER_ENFORCEMENT};
    private static final int[] SCORES = {0, 1, 29, 30, 59, 60, 99, 100, 101, 1023, 1024, 5000, -1, Integer.MIN_VALUE};

    private final Random random = new Random(22);

    /**
     * Under the default policy and one that denies the tier an unknown anchor stands on, so that a
     * known and an unknown anchor can be answered alike but for {@code knownAnchor}.
     */
    @Test
    void sharedDecisionsEqualThoseMadeAfresh() {
        assertSharedAsAfresh(Policies.defaults());
        assertSharedAsAfresh(Policies.changed().denied(Tier.NORMAL, Capability.PK, Capability.GIFTS).build());
    }

    private void assertSharedAsAfresh(Policy policy) {
        SharedDecisions shared = new SharedDecisions(policy);
        int sharedAgain = 0;
        for (int i = 0; i < 200_000; i++) {
            AnchorId anchor = new AnchorId("anchor-" + random.nextInt(1000));
            Optional<StandingFacts> facts = random.nextInt(5) == 0 ? Optional.empty() : Optional.of(facts());
            Capability capability = Capability.values()[random.nextInt(Capability.values().length)];
            Optional<String> session =
                    random.nextBoolean() ? Optional.empty() : Optional.of("live-" + random.nextInt(3));
            Instant now = MOMENTS[random.nextInt(MOMENTS.length)];

            CapabilityDecision decision = CapabilityRules.decide(shared, anchor, facts, capability, session, now);
            CapabilityDecision afresh =
                    CapabilityRules.decide(new SharedDecisions(policy), anchor, facts, capability, session, now);
            assertEquals(afresh, decision);
            CapabilityDecision again = CapabilityRules.decide(shared, anchor, facts, capability, session, now);
            if (decision.score() >= 0 && decision.score() < 1024) {
                assertSame(decision, again);
                sharedAgain++;
            } else {
                assertNotSame(decision, again);
            }
        }
        assertTrue(sharedAgain > 150_000, sharedAgain + " shared");
    }

    private StandingFacts facts() {
        int score = random.nextInt(4) == 0 ? SCORES[random.nextInt(SCORES.length)] : random.nextInt(101);
        Facts facts = Facts.atScore(score).initial(random.nextBoolean() ? 100 : 1 + random.nextInt(1023));
        if (random.nextBoolean()) {
            facts = facts.lastViolationAt(Moments.AFTER_ENFORCEMENT.minus(Duration.ofDays(random.nextInt(400))));
        }
        if (random.nextInt(4) == 0) {
            facts = facts.sellingRevoked();
        }
        if (random.nextInt(4) == 0) {
            facts = facts.sessionsWithViolations("live-0", "live-1");
        }
        return facts.build();
    }
}
