package com.anchorhealth.application.port.out.guild;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Guilds and their ledgers. */
public interface Guilds {
    Optional<Guild> find(String guildId);

    /** Reads and locks the guild's row until the transaction ends. */
    Optional<Guild> lock(String guildId);

    /**
     * Locks the rows of these guilds in id order, the order every writer takes guilds in (after its
     * anchors); with {@link Locking#SKIP_HELD}, answers the ids that another transaction holds,
     * unlocked.
     */
    Set<String> lockAll(Collection<String> guildIds, Locking locking);

    /** Throws {@link StoreConflictException} when the id is taken. */
    void insert(Guild guild);

    /** Stores score, status, ledger position and removal time. */
    void update(Guild guild);

    /** Guilds in id order, read forward or backward; page keys are guild ids. */
    Page<Guild> list(GuildFilter filter, PageRequest page);

    /** How many guilds the filter holds, and how many of them come before the guild id {@code before}. */
    ListCount count(GuildFilter filter, Optional<String> before);

    void appendEvent(GuildEvent event);

    Optional<GuildEvent> event(String guildId, int sequence);

    /** One page of the guild's ledger in sequence order; keys are sequence numbers. */
    Page<GuildEvent> events(String guildId, PageRequest page);

    /**
     * A page of the guild's ledger as {@link #events} reads it, each entry with the type of its member's
     * violation and its member's name now; the name only where that anchor belongs to one of
     * {@code namedMembersOf} (empty: to any guild or none).
     */
    Page<GuildLedgerEntry> ledger(String guildId, Optional<Set<String>> namedMembersOf, PageRequest page);

    /**
     * The entry of a removed guild's ledger that removed it, read as {@link #ledger} reads it: the last
     * deduction recorded at its removal time (the removal is written with it, and a batch may charge the
     * guild more than once in that instant, the last charge removing it). Empty for an active guild.
     */
    default Optional<GuildLedgerEntry> removal(String guildId, Optional<Set<String>> namedMembersOf) {
        return Optional.ofNullable(removals(List.of(guildId), namedMembersOf).get(guildId));
    }

    /** {@link #removal} of several guilds in one read, by guild id; guilds not removed are absent. */
    Map<String, GuildLedgerEntry> removals(Collection<String> guildIds, Optional<Set<String>> namedMembersOf);

    /** The guild ledger entries a member's violation caused (deductions and restorations). */
    List<GuildEvent> eventsOfViolation(AnchorId anchorId, String violationId);

    /**
     * Within the removal's transaction, before its members are released: keeps who they are (id, name
     * and score now) as the guild's members at removal.
     */
    void keepMembersAtRemoval(String guildId);

    /** A page of the guild's members at its removal, in anchor id order; keys are anchor ids. */
    Page<MemberAtRemoval> membersAtRemoval(String guildId, PageRequest page);

    /** How many members the guild had at its removal, and how many of them come before the anchor id {@code before}. */
    ListCount countMembersAtRemoval(String guildId, Optional<String> before);
}
