package com.anchorhealth.domain.guild;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A guild and its score. Deductions return the new state, the ledger entry and, when the score
 * falls to the removal line, the removal and its public notice; removal is final.
 */
public record Guild(String guildId, String displayName, int initialScore, int score, GuildStatus status,
                    int eventSequence, Instant createdAt, Optional<Instant> removedAt) {

    public Guild {
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(removedAt, "removedAt");
    }

    public static Created create(String guildId, String displayName, GuildRules rules, Instant now, String actor) {
        Guild guild = new Guild(guildId, displayName, rules.initialScore(), rules.initialScore(), GuildStatus.ACTIVE,
                1, now, Optional.empty());
        GuildEvent opening = new GuildEvent(guildId, 1, GuildEventKind.INITIAL, rules.initialScore(),
                rules.initialScore(), Optional.empty(), Optional.empty(), "created", now, actor);
        return new Created(guild, opening);
    }

    /**
     * Deducts points (never below 0). An active guild that ends at or below the removal line is
     * removed now, with a notice; {@code noticeId} is used only then.
     */
    public Deducted deduct(int points, GuildEventKind kind, Optional<AnchorId> anchorId, Optional<String> violationId,
                           String description, GuildRules rules, String noticeId, Instant now, String actor) {
        int after = Math.max(0, score - points);
        int sequence = eventSequence + 1;
        GuildEvent event = new GuildEvent(guildId, sequence, kind, -points, after, anchorId, violationId, description,
                now, actor);
        boolean removedNow = status == GuildStatus.ACTIVE && after <= rules.removalAtOrBelow();
        Guild next = new Guild(guildId, displayName, initialScore, after,
                removedNow ? GuildStatus.REMOVED : status, sequence, createdAt,
                removedNow ? Optional.of(now) : removedAt);
        Optional<PublicNotice> notice = removedNow
                ? Optional.of(new PublicNotice(noticeId, PublicNotice.GUILD_REMOVED, "guilds/" + guildId, after, now,
                "score " + after + " fell to the removal line of " + rules.removalAtOrBelow() + " after: " + description))
                : Optional.empty();
        return new Deducted(next, event, notice);
    }

    /** Gives back points a member's overturned violation cost; a removed guild stays removed. */
    public Deducted restore(int points, AnchorId anchorId, String violationId, Instant now, String actor) {
        int after = Math.min(initialScore, score + points);
        int sequence = eventSequence + 1;
        GuildEvent event = new GuildEvent(guildId, sequence, GuildEventKind.RESTORATION, after - score, after,
                Optional.of(anchorId), Optional.of(violationId), "violation overturned on appeal", now, actor);
        return new Deducted(new Guild(guildId, displayName, initialScore, after, status, sequence, createdAt,
                removedAt), event, Optional.empty());
    }

    /** An anchor joins ({@code joined}) or leaves: an entry of the guild's ledger that moves no points. */
    public Logged membership(AnchorId anchorId, boolean joined, Instant now, String actor) {
        int sequence = eventSequence + 1;
        GuildEvent event = new GuildEvent(guildId, sequence, joined ? GuildEventKind.MEMBER_JOINED
                : GuildEventKind.MEMBER_RELEASED, 0, score, Optional.of(anchorId), Optional.empty(),
                anchorId.value() + (joined ? " joined" : " released"), now, actor);
        return new Logged(new Guild(guildId, displayName, initialScore, score, status, sequence, createdAt, removedAt),
                event);
    }

    public record Created(Guild guild, GuildEvent opening) {
    }

    /** The new state and its ledger entry. */
    public record Logged(Guild guild, GuildEvent event) {
    }

    /** The new state, its ledger entry, and the notice when this deduction removed the guild. */
    public record Deducted(Guild guild, GuildEvent event, Optional<PublicNotice> notice) {
        public boolean removedNow() {
            return notice.isPresent();
        }
    }
}
