package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.PositionedChange;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * The changes of anchors' standings, kept on the rows that record them (see {@link FeedSources}) and
 * positioned in the feed by the transaction that made them. The feed's counter is taken by the
 * transaction's last statements, just before its commit: transactions that write changes therefore
 * commit in the order of their positions, so a reader that has seen position p has seen every
 * position below it, and the changes need no second write to be placed.
 */
public final class JooqStandingOutbox implements StandingOutbox {
    /** The changes appended in the running transaction, until {@link #appendingWithin} positions them. */
    private static final ThreadLocal<List<StandingChange>> APPENDED = new ThreadLocal<>();

    private final DSLContext dsl;
    private final FeedSources sources;

    public JooqStandingOutbox(DSLContext dsl) {
        this.dsl = dsl;
        this.sources = new FeedSources(dsl);
    }

    /**
     * Runs a transaction's work, then keeps each change it appended on the row that records it,
     * positioned: last, so that the feed's counter is held only from there to the commit. A nested call
     * leaves them to the outer one.
     */
    static <T> T appendingWithin(DSLContext dsl, Supplier<T> work) {
        if (APPENDED.get() != null) {
            return work.get();
        }
        APPENDED.set(new ArrayList<>());
        try {
            T result = work.get();
            List<StandingChange> changes = APPENDED.get();
            if (!changes.isEmpty()) {
                StoreErrors.translating(() -> {
                    dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, CHANGE_FEEDS.LAST_POSITION.plus(changes.size()))
                            .where(CHANGE_FEEDS.FEED_NAME.eq(JooqStandingFeed.FEED)).execute();
                    for (int i = 0; i < changes.size(); i++) {
                        keep(dsl, changes.get(i), changes.size() - 1 - i);
                    }
                });
            }
            return result;
        } finally {
            APPENDED.remove();
        }
    }

    /**
     * Sets the change on the ledger entry that records it, which this transaction wrote before: the
     * entry's own columns must say what the change says of them, or the write fails rather than feed
     * a change nobody made.
     */
    private static void keep(DSLContext dsl, StandingChange change, int following) {
        int kept = dsl.update(SCORE_EVENTS)
                .set(SCORE_EVENTS.CHANGE_ID, change.changeId())
                .set(SCORE_EVENTS.CAUSE, change.cause().name())
                .set(SCORE_EVENTS.OLD_SCORE, change.oldScore())
                .set(SCORE_EVENTS.OLD_TIER, change.oldTier().name())
                .set(SCORE_EVENTS.NEW_TIER, change.newTier().name())
                .set(SCORE_EVENTS.DENIED_CAPABILITIES, FeedSources.denied(change.deniedCapabilities()))
                .set(SCORE_EVENTS.FEED_POSITION, FeedSources.positionFollowedBy(following))
                .where(SCORE_EVENTS.ANCHOR_ID.eq(change.anchorId().value())
                        .and(SCORE_EVENTS.SEQ.eq(change.anchorSequence()))
                        .and(SCORE_EVENTS.SCORE_AFTER.eq(change.newScore()))
                        .and(SCORE_EVENTS.RECORDED_AT.eq(Times.toMillis(change.createdAt()))))
                .execute();
        if (kept != 1) {
            throw new IllegalStateException("no ledger entry of this transaction records change " + change.changeId()
                    + " of anchor " + change.anchorId().value() + " at sequence " + change.anchorSequence());
        }
    }

    @Override
    public void append(StandingChange change) {
        List<StandingChange> appended = APPENDED.get();
        if (appended == null) {
            throw new IllegalStateException("a standing change is appended within a transaction, which positions it");
        }
        if (FeedSources.onViolation(change)) {
            throw new IllegalArgumentException("a violation's change is written with the violation (AnchorChanges)");
        }
        appended.add(change);
    }

    @Override
    public List<StandingChange> changesOf(AnchorId anchorId) {
        String id = anchorId.value();
        return StoreErrors.translating(() -> sources.read(STANDING_CHANGES.ANCHOR_ID.eq(id), VIOLATIONS.ANCHOR_ID.eq(id),
                SCORE_EVENTS.ANCHOR_ID.eq(id), Integer.MAX_VALUE, false))
                .stream().map(PositionedChange::change).toList();
    }

    @Override
    public List<StandingChange> tierDropsSince(Instant since, int limit) {
        return StoreErrors.translating(() -> {
            long from = sources.firstPositionSince(since);
            long sinceMillis = Times.toMillis(since);
            return sources.read(
                    STANDING_CHANGES.FEED_POSITION.ge(from).and(STANDING_CHANGES.CREATED_AT.ge(sinceMillis))
                            .and(drops(STANDING_CHANGES.OLD_TIER, STANDING_CHANGES.NEW_TIER)),
                    VIOLATIONS.FEED_POSITION.ge(from).and(VIOLATIONS.RECORDED_AT.ge(sinceMillis))
                            .and(drops(VIOLATIONS.OLD_TIER, VIOLATIONS.NEW_TIER)),
                    SCORE_EVENTS.FEED_POSITION.ge(from).and(SCORE_EVENTS.RECORDED_AT.ge(sinceMillis))
                            .and(drops(SCORE_EVENTS.OLD_TIER, SCORE_EVENTS.NEW_TIER)),
                    limit, true);
        }).stream().map(PositionedChange::change).toList();
    }

    /** The tiers are stored by name: a drop is any pair of a tier and one below it. */
    private static Condition drops(Field<String> oldTier, Field<String> newTier) {
        List<Condition> drops = new ArrayList<>();
        for (Tier from : Tier.values()) {
            for (Tier to = from.next(); to != null; to = to.next()) {
                drops.add(oldTier.eq(from.name()).and(newTier.eq(to.name())));
            }
        }
        return DSL.or(drops);
    }
}
