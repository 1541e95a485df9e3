package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Stored anchors. Keys and every hot statement are by anchor id. */
public interface Anchors {
    Optional<AnchorRecord> find(AnchorId anchorId);

    /** Several anchors in one round trip, in id order; ids of no stored anchor are left out. */
    List<AnchorRecord> findAll(Collection<AnchorId> anchorIds);

    /** Reads and locks the anchor's row until the transaction ends, so that its writes serialize. */
    Optional<AnchorRecord> lock(AnchorId anchorId);

    /** Throws {@link StoreConflictException} when the anchor id is taken. */
    void insert(AnchorRecord anchor);

    void updateProfile(AnchorProfile profile, Instant updatedAt);

    /** Stores the anchors' new score projections and standing facts (not their profiles), in one round trip. */
    void updateStandings(List<Anchor> anchors, Instant updatedAt);

    /** Anchors in id order; page keys are anchor ids. */
    default Page<AnchorRecord> list(AnchorFilter filter, PageRequest page) {
        return list(filter, AnchorOrder.ID, page);
    }

    /**
     * Anchors in the given order, read forward or backward by the database; page keys carry the sort
     * key and the anchor id (in id order, the id alone), and belong to their order.
     */
    Page<AnchorRecord> list(AnchorFilter filter, AnchorOrder order, PageRequest page);

    /** How many anchors the filter holds, and how many of them come before {@code before} in the order. */
    ListCount count(AnchorFilter filter, AnchorOrder order, Optional<String> before);

    /** How many members each guild has, in one round trip; guilds without members are absent. */
    Map<String, Long> membersOf(Collection<String> guildIds);

    /**
     * Releases every member of a guild (a removal); their history stays in their ledgers. The caller
     * holds the guild, taken after anchors by every writer: a member another transaction holds is
     * therefore not waited for (that could close a cycle) but fails the transaction with
     * {@link StoreConflictException}, to be run again.
     */
    void releaseGuild(String guildId);

    /** Every anchor, in id order, streamed without holding them all in memory. */
    void forEach(Consumer<AnchorRecord> consumer);

    /**
     * Every anchor's standing facts and ledger sequence, streamed from its row alone, in no set order
     * and possibly from several threads at once; nothing of a row is kept once it has been passed on.
     */
    void forEachStanding(StandingConsumer consumer);

    /** Takes the standings {@link #forEachStanding} reads; called from several threads at once. */
    @FunctionalInterface
    interface StandingConsumer {
        void accept(String anchorId, int ledgerSequence, StandingFacts facts);
    }
}
