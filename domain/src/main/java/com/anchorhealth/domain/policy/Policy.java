package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The scoring policy as one immutable value. Every number of the rules lives here, so that a policy
 * version can be published, simulated and named by every violation and decision made under it.
 * A candidate not yet published has version 0. Validity is checked by {@link PolicyValidation}.
 */
public record Policy(
        long version,
        Instant effectiveAt,
        int initialScore,
        int certifiedInitialScore,
        List<ViolationType> violationTypes,
        DeductionMatrix deductions,
        List<AudienceBand> audienceSurcharges,
        Thresholds thresholds,
        Map<Tier, Set<Capability>> tierSanctions,
        PhaseSchedule phases,
        int trafficSupportCleanDays,
        int warningMargin,
        int appealWindowDays,
        int sessionSettlementDays,
        GuildRules guildRules,
        RecoveryRules recovery) {

    public Policy {
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(deductions, "deductions");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(phases, "phases");
        Objects.requireNonNull(guildRules, "guildRules");
        Objects.requireNonNull(recovery, "recovery");
        violationTypes = List.copyOf(violationTypes);
        audienceSurcharges = List.copyOf(audienceSurcharges);
        EnumMap<Tier, Set<Capability>> sanctions = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            Set<Capability> denied = tierSanctions.get(tier);
            sanctions.put(tier, denied == null || denied.isEmpty()
                    ? Set.of() : Set.copyOf(EnumSet.copyOf(denied)));
        }
        tierSanctions = Map.copyOf(sanctions);
    }

    public Policy withVersion(long newVersion, Instant newEffectiveAt) {
        return new Policy(newVersion, newEffectiveAt, initialScore, certifiedInitialScore, violationTypes,
                deductions, audienceSurcharges, thresholds, tierSanctions, phases, trafficSupportCleanDays,
                warningMargin, appealWindowDays, sessionSettlementDays, guildRules, recovery);
    }

    public int initialScoreFor(Certification certification) {
        return certification.isCertified() ? certifiedInitialScore : initialScore;
    }

    public Optional<ViolationType> violationType(String code) {
        // A loop, not a stream: every violation written looks its type up.
        for (ViolationType type : violationTypes) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Catalog codes in catalog order, for error messages and listings. */
    public List<String> violationTypeCodes() {
        return violationTypes.stream().map(ViolationType::code).toList();
    }

    /** The points a violation of this type costs this anchor under this policy. */
    public Deduction deductionFor(ViolationType type, AnchorProfile profile) {
        return new Deduction(
                deductions.basePoints(type.severity(), profile.level()),
                surchargeFor(profile.fanCount(), profile.averageViewers()));
    }

    /** The largest band reached by either the fan count or the average audience; 0 below every band. */
    public int surchargeFor(long fanCount, long averageViewers) {
        int points = 0;
        for (AudienceBand band : audienceSurcharges) {
            if (band.reachedBy(fanCount, averageViewers)) {
                points = Math.max(points, band.points());
            }
        }
        return points;
    }

    /**
     * Until when a counted violation recorded at {@code recordedAt} holds its live session's income:
     * by then the session's income is settled, and the session no longer needs to be held.
     */
    public Instant sessionHeldUntil(Instant recordedAt) {
        return recordedAt.plus(Duration.ofDays(sessionSettlementDays));
    }

    public Set<Capability> deniedBy(Tier tier) {
        return tierSanctions.get(tier);
    }
}
