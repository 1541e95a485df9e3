package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.anchorhealth.domain.vocabulary.Capability.GIFTS;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_BROADCAST;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static com.anchorhealth.domain.vocabulary.Capability.WITHDRAW_VIOLATION_INCOME;
import static com.anchorhealth.domain.vocabulary.Severity.MINOR;
import static com.anchorhealth.domain.vocabulary.Severity.MODERATE;
import static com.anchorhealth.domain.vocabulary.Severity.SERIOUS;
import static com.anchorhealth.domain.vocabulary.Severity.SEVERE;

/** The defaults of the product specification: the policy in force until another is published. */
public final class DefaultPolicy {
    public static final ZoneId RULES_ZONE = ZoneId.of("Asia/Shanghai");

    /** Days after a session's violation by which its income is settled, also under a policy that says none. */
    public static final int DEFAULT_SESSION_SETTLEMENT_DAYS = 30;

    private DefaultPolicy() {
    }

    /** The default policy as a candidate (version 0), effective from the start of the trial. */
    public static Policy candidate() {
        PhaseSchedule phases = new PhaseSchedule(
                startOf(2023, 9, 7),
                startOf(2023, 12, 31),
                RULES_ZONE.getId(),
                List.of(
                        new RolloutStep(startOf(2023, 9, 7), 10),
                        new RolloutStep(startOf(2023, 9, 21), 30),
                        new RolloutStep(startOf(2023, 10, 10), 60),
                        new RolloutStep(startOf(2023, 10, 31), 100)));
        return new Policy(
                0,
                phases.trialStart(),
                100,
                120,
                catalog(),
                new DeductionMatrix(Map.of(
                        MINOR, List.of(1, 1, 2, 2),
                        MODERATE, List.of(2, 3, 3, 4),
                        SERIOUS, List.of(4, 5, 6, 6),
                        SEVERE, List.of(6, 7, 8, 8))),
                List.of(
                        new AudienceBand(1, 100_000, 1_000),
                        new AudienceBand(2, 500_000, 5_000),
                        new AudienceBand(3, 1_000_000, 10_000),
                        new AudienceBand(4, 5_000_000, 50_000),
                        new AudienceBand(5, 10_000_000, 100_000)),
                new Thresholds(40, 20, 1),
                Map.of(
                        Tier.NORMAL, Set.of(),
                        Tier.RESTRICTED, Set.of(LIVE_RECOMMENDATION, PK),
                        Tier.SEVERELY_RESTRICTED, Set.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME),
                        Tier.REVOKED, Set.<Capability>of(
                                LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME, LIVE_BROADCAST)),
                phases,
                90,
                5,
                30,
                DEFAULT_SESSION_SETTLEMENT_DAYS,
                GuildRules.defaults(),
                RecoveryRules.off());
    }

    private static List<ViolationType> catalog() {
        return List.of(
                new ViolationType("VULGAR_LANGUAGE", "Vulgar or abusive language", MINOR, false),
                new ViolationType("SMOKING_OR_DRINKING", "Smoking or heavy drinking on stream", MINOR, false),
                new ViolationType("MISLEADING_TITLE", "Misleading room title or cover", MINOR, false),
                new ViolationType("GIFT_SOLICITATION", "Pressuring viewers to send gifts", MODERATE, false),
                new ViolationType("HARASSMENT", "Harassing viewers or other anchors", MODERATE, false),
                new ViolationType("COPYRIGHT_INFRINGEMENT", "Broadcasting content without rights", MODERATE, false),
                new ViolationType("EXAGGERATED_PRODUCT_CLAIMS", "False or exaggerated product claims", MODERATE, true),
                new ViolationType("DANGEROUS_ACTS", "Dangerous stunts or self-harm", SERIOUS, false),
                new ViolationType("SEXUALLY_SUGGESTIVE", "Sexually suggestive content", SERIOUS, false),
                new ViolationType("COUNTERFEIT_GOODS", "Selling counterfeit or prohibited goods", SERIOUS, true),
                new ViolationType("FAKE_ENGAGEMENT", "Bought viewers, likes or gifts", SERIOUS, false),
                new ViolationType("MINOR_ENDANGERMENT", "Minors endangered or exploited on stream", SEVERE, false),
                new ViolationType("GAMBLING_PROMOTION", "Promoting gambling", SEVERE, false),
                new ViolationType("OFF_PLATFORM_TRADING_FRAUD", "Luring buyers to off-platform deals", SEVERE, true),
                new ViolationType("PORNOGRAPHY", "Pornographic content", SEVERE, false),
                new ViolationType("VIOLENT_EXTREMISM", "Violent or extremist content", SEVERE, false));
    }

    private static Instant startOf(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(RULES_ZONE).toInstant();
    }
}
