package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.feed.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * The changes of anchors' standings, read from the rows that keep them ({@link FeedSources}); they are
 * written and positioned by {@link JooqAnchorChanges}.
 */
public final class JooqStandingOutbox implements StandingOutbox {
    /** A change's feed position, by the name every source gives its column. */
    private static final Field<Long> POSITION = DSL.field(DSL.name(VIOLATIONS.FEED_POSITION.getName()), Long.class);
    /** The feed newest first: its positions are unique. */
    private static final Keyset BY_POSITION = Keyset.descending(POSITION);

    private final FeedSources sources;

    public JooqStandingOutbox(DSLContext dsl) {
        this.sources = new FeedSources(dsl);
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

    /**
     * Read newest first along each source's position index, from the page's key (a position) on, one
     * change more than the page from each, and merged: the sources share the position's column name, so
     * that one keyset over the name seeks in all three.
     */
    @Override
    public Page<StandingChange> tierDrops(Optional<Set<String>> guilds, PageRequest page) {
        return StoreErrors.translating(() -> {
            long prunedThrough = sources.bounds().prunedThrough();
            return BY_POSITION.read(page, key -> List.of(Long.parseLong(key)), (seek, order) -> {
                Condition held = POSITION.gt(prunedThrough).and(seek);
                return sources.read(
                        held.and(drops(STANDING_CHANGES.OLD_TIER, STANDING_CHANGES.NEW_TIER))
                                .and(ofGuilds(STANDING_CHANGES.ANCHOR_ID, guilds)),
                        held.and(drops(VIOLATIONS.OLD_TIER, VIOLATIONS.NEW_TIER))
                                .and(ofGuilds(VIOLATIONS.ANCHOR_ID, guilds)),
                        held.and(drops(SCORE_EVENTS.OLD_TIER, SCORE_EVENTS.NEW_TIER))
                                .and(ofGuilds(SCORE_EVENTS.ANCHOR_ID, guilds)),
                        page.size() + 1, !page.backward());
            }, change -> Long.toString(change.position()));
        }).map(PositionedChange::change);
    }

    /** The changes of the anchors that are members of these guilds now; no condition for every guild. */
    private static Condition ofGuilds(Field<String> anchorId, Optional<Set<String>> guilds) {
        return guilds.map(visible -> anchorId.in(DSL.select(ANCHORS.ANCHOR_ID).from(ANCHORS)
                .where(ANCHORS.GUILD_ID.in(visible)))).orElse(DSL.noCondition());
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
