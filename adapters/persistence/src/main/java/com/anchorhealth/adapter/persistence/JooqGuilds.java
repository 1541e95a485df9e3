package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.GuildEventsRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.GuildsRecord;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILD_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.GUILD_MEMBERS_AT_REMOVAL;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/** Guilds and their ledgers, keyed by guild id. */
public final class JooqGuilds implements Guilds {
    private static final Keyset BY_ID = Keyset.ascending(GUILDS.GUILD_ID);
    private static final Keyset IN_SEQUENCE = Keyset.ascending(GUILD_EVENTS.SEQ);
    private static final Keyset BY_MEMBER = Keyset.ascending(GUILD_MEMBERS_AT_REMOVAL.ANCHOR_ID);
    private final DSLContext dsl;

    public JooqGuilds(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Guild> find(String guildId) {
        return StoreErrors.translating(() -> dsl.selectFrom(GUILDS).where(GUILDS.GUILD_ID.eq(guildId))
                .fetchOptional().map(JooqGuilds::toGuild));
    }

    @Override
    public Optional<Guild> lock(String guildId) {
        return StoreErrors.translating(() -> dsl.selectFrom(GUILDS).where(GUILDS.GUILD_ID.eq(guildId)).forUpdate()
                .fetchOptional().map(JooqGuilds::toGuild));
    }

    @Override
    public Set<String> lockAll(Collection<String> guildIds, Locking locking) {
        if (guildIds.isEmpty()) {
            return Set.of();
        }
        var forUpdate = dsl.select(GUILDS.GUILD_ID).from(GUILDS).where(GUILDS.GUILD_ID.in(guildIds))
                .orderBy(GUILDS.GUILD_ID).forUpdate();
        if (locking == Locking.WAIT) {
            StoreErrors.translating(() -> forUpdate.execute());
            return Set.of();
        }
        Set<String> locked = Set.copyOf(StoreErrors.translating(() -> forUpdate.skipLocked().fetch(GUILDS.GUILD_ID)));
        return HeldRows.among(dsl, GUILDS, GUILDS.GUILD_ID, guildIds, locked);
    }

    @Override
    public void insert(Guild guild) {
        StoreErrors.translating(() -> dsl.insertInto(GUILDS)
                .set(GUILDS.GUILD_ID, guild.guildId())
                .set(GUILDS.DISPLAY_NAME, guild.displayName())
                .set(GUILDS.INITIAL_SCORE, guild.initialScore())
                .set(GUILDS.SCORE, guild.score())
                .set(GUILDS.STATUS, guild.status().name())
                .set(GUILDS.EVENT_SEQ, guild.eventSequence())
                .set(GUILDS.CREATED_AT, Times.toMillis(guild.createdAt()))
                .set(GUILDS.REMOVED_AT, Times.toMillis(guild.removedAt().orElse(null)))
                .execute());
    }

    @Override
    public void update(Guild guild) {
        StoreErrors.translating(() -> dsl.update(GUILDS)
                .set(GUILDS.SCORE, guild.score())
                .set(GUILDS.STATUS, guild.status().name())
                .set(GUILDS.EVENT_SEQ, guild.eventSequence())
                .set(GUILDS.REMOVED_AT, Times.toMillis(guild.removedAt().orElse(null)))
                .where(GUILDS.GUILD_ID.eq(guild.guildId()))
                .execute());
    }

    @Override
    public Page<Guild> list(GuildFilter filter, PageRequest page) {
        Condition condition = conditionOf(filter);
        return StoreErrors.translating(() -> BY_ID.read(page, List::of, (seek, orderBy) -> dsl.selectFrom(GUILDS)
                .where(condition.and(seek)).orderBy(orderBy).limit(page.size() + 1).fetch(JooqGuilds::toGuild),
                Guild::guildId));
    }

    @Override
    public ListCount count(GuildFilter filter, Optional<String> before) {
        return StoreErrors.translating(() -> BY_ID.count(dsl, GUILDS, conditionOf(filter), before, List::of));
    }

    private static Condition conditionOf(GuildFilter filter) {
        Condition where = ScoreRange.within(GUILDS.SCORE, filter.minScore(), filter.maxScore());
        if (filter.status().isPresent()) {
            where = where.and(GUILDS.STATUS.eq(filter.status().get().name()));
        }
        if (filter.guildIds().isPresent()) {
            where = where.and(GUILDS.GUILD_ID.in(filter.guildIds().get()));
        }
        return where;
    }

    @Override
    public void appendEvent(GuildEvent event) {
        StoreErrors.translating(() -> dsl.insertInto(GUILD_EVENTS)
                .set(GUILD_EVENTS.GUILD_ID, event.guildId())
                .set(GUILD_EVENTS.SEQ, event.sequence())
                .set(GUILD_EVENTS.KIND, event.kind().name())
                .set(GUILD_EVENTS.DELTA, event.delta())
                .set(GUILD_EVENTS.SCORE_AFTER, event.scoreAfter())
                .set(GUILD_EVENTS.ANCHOR_ID, event.anchorId().map(AnchorId::value).orElse(null))
                .set(GUILD_EVENTS.VIOLATION_ID, event.violationId().orElse(null))
                .set(GUILD_EVENTS.DESCRIPTION, event.description())
                .set(GUILD_EVENTS.RECORDED_AT, Times.toMillis(event.recordedAt()))
                .set(GUILD_EVENTS.ACTOR, event.actor())
                .execute());
    }

    @Override
    public Optional<GuildEvent> event(String guildId, int sequence) {
        return StoreErrors.translating(() -> dsl.selectFrom(GUILD_EVENTS)
                .where(GUILD_EVENTS.GUILD_ID.eq(guildId).and(GUILD_EVENTS.SEQ.eq(sequence)))
                .fetchOptional().map(JooqGuilds::toEvent));
    }

    @Override
    public Page<GuildEvent> events(String guildId, PageRequest page) {
        return StoreErrors.translating(() -> IN_SEQUENCE.read(page, key -> List.of(Integer.valueOf(key)),
                (seek, orderBy) -> dsl.selectFrom(GUILD_EVENTS).where(GUILD_EVENTS.GUILD_ID.eq(guildId).and(seek))
                        .orderBy(orderBy).limit(page.size() + 1).fetch(JooqGuilds::toEvent),
                event -> Integer.toString(event.sequence())));
    }

    /** Each entry's member and violation by their primary keys: a page costs what {@link #events} does. */
    @Override
    public Page<GuildLedgerEntry> ledger(String guildId, Optional<Set<String>> namedMembersOf, PageRequest page) {
        LedgerRead read = new LedgerRead(namedMembersOf);
        return StoreErrors.translating(() -> IN_SEQUENCE.read(page, key -> List.of(Integer.valueOf(key)),
                (seek, orderBy) -> read.select(dsl)
                        .where(GUILD_EVENTS.GUILD_ID.eq(guildId).and(seek))
                        .orderBy(orderBy).limit(page.size() + 1)
                        .fetch(read::toEntry),
                entry -> Integer.toString(entry.event().sequence())));
    }

    /**
     * The deductions recorded at each guild's removal time, the last of each kept: a few rows a guild
     * (one, unless a batch charged it several times in that instant).
     */
    @Override
    public Map<String, GuildLedgerEntry> removals(Collection<String> guildIds, Optional<Set<String>> namedMembersOf) {
        if (guildIds.isEmpty()) {
            return Map.of();
        }
        LedgerRead read = new LedgerRead(namedMembersOf);
        Map<String, GuildLedgerEntry> removals = new HashMap<>();
        StoreErrors.translating(() -> read.select(dsl)
                .join(GUILDS).on(GUILDS.GUILD_ID.eq(GUILD_EVENTS.GUILD_ID)
                        .and(GUILDS.REMOVED_AT.eq(GUILD_EVENTS.RECORDED_AT)))
                .where(GUILD_EVENTS.GUILD_ID.in(Set.copyOf(guildIds)).and(GUILD_EVENTS.KIND.in(
                        GuildEventKind.MEMBER_VIOLATION.name(), GuildEventKind.OWN_VIOLATION.name())))
                .orderBy(GUILD_EVENTS.GUILD_ID, GUILD_EVENTS.SEQ)
                .fetch(read::toEntry))
                .forEach(entry -> removals.put(entry.event().guildId(), entry));
        return removals;
    }

    /**
     * Ledger entries with their member's name (only where that anchor belongs to one of
     * {@code namedMembersOf}, any guild or none when empty) and their violation's type.
     */
    private static final class LedgerRead {
        private final Field<String> memberName;

        LedgerRead(Optional<Set<String>> namedMembersOf) {
            this.memberName = namedMembersOf
                    .<Field<String>>map(guilds -> DSL.when(ANCHORS.GUILD_ID.in(guilds), ANCHORS.DISPLAY_NAME))
                    .orElse(ANCHORS.DISPLAY_NAME).as("member_name");
        }

        SelectOnConditionStep<Record> select(DSLContext dsl) {
            return dsl.select(GUILD_EVENTS.asterisk(), memberName, VIOLATIONS.VIOLATION_TYPE)
                    .from(GUILD_EVENTS)
                    .leftJoin(ANCHORS).on(ANCHORS.ANCHOR_ID.eq(GUILD_EVENTS.ANCHOR_ID))
                    .leftJoin(VIOLATIONS).on(VIOLATIONS.ANCHOR_ID.eq(GUILD_EVENTS.ANCHOR_ID)
                            .and(VIOLATIONS.VIOLATION_ID.eq(GUILD_EVENTS.VIOLATION_ID)));
        }

        GuildLedgerEntry toEntry(Record row) {
            return new GuildLedgerEntry(toEvent(row.into(GUILD_EVENTS)), Optional.ofNullable(row.get(memberName)),
                    Optional.ofNullable(row.get(VIOLATIONS.VIOLATION_TYPE)));
        }
    }

    @Override
    public List<GuildEvent> eventsOfViolation(AnchorId anchorId, String violationId) {
        return StoreErrors.translating(() -> dsl.selectFrom(GUILD_EVENTS)
                .where(GUILD_EVENTS.ANCHOR_ID.eq(anchorId.value()).and(GUILD_EVENTS.VIOLATION_ID.eq(violationId)))
                .orderBy(GUILD_EVENTS.GUILD_ID, GUILD_EVENTS.SEQ)
                .fetch(JooqGuilds::toEvent));
    }

    @Override
    public void keepMembersAtRemoval(String guildId) {
        StoreErrors.translating(() -> dsl.insertInto(GUILD_MEMBERS_AT_REMOVAL, GUILD_MEMBERS_AT_REMOVAL.GUILD_ID,
                        GUILD_MEMBERS_AT_REMOVAL.ANCHOR_ID, GUILD_MEMBERS_AT_REMOVAL.DISPLAY_NAME,
                        GUILD_MEMBERS_AT_REMOVAL.SCORE)
                .select(dsl.select(ANCHORS.GUILD_ID, ANCHORS.ANCHOR_ID, ANCHORS.DISPLAY_NAME, ANCHORS.SCORE)
                        .from(ANCHORS).where(ANCHORS.GUILD_ID.eq(guildId)))
                .execute());
    }

    @Override
    public Page<MemberAtRemoval> membersAtRemoval(String guildId, PageRequest page) {
        return StoreErrors.translating(() -> BY_MEMBER.read(page, List::of,
                (seek, orderBy) -> dsl.selectFrom(GUILD_MEMBERS_AT_REMOVAL)
                        .where(GUILD_MEMBERS_AT_REMOVAL.GUILD_ID.eq(guildId).and(seek))
                        .orderBy(orderBy).limit(page.size() + 1)
                        .fetch(row -> new MemberAtRemoval(new AnchorId(row.getAnchorId()), row.getDisplayName(),
                                row.getScore())),
                member -> member.anchorId().value()));
    }

    @Override
    public ListCount countMembersAtRemoval(String guildId, Optional<String> before) {
        return StoreErrors.translating(() -> BY_MEMBER.count(dsl, GUILD_MEMBERS_AT_REMOVAL,
                GUILD_MEMBERS_AT_REMOVAL.GUILD_ID.eq(guildId), before, List::of));
    }

    private static Guild toGuild(GuildsRecord row) {
        return new Guild(row.getGuildId(), row.getDisplayName(), row.getInitialScore(), row.getScore(),
                GuildStatus.valueOf(row.getStatus()), row.getEventSeq(), Times.fromMillis(row.getCreatedAt()),
                Optional.ofNullable(Times.fromMillis(row.getRemovedAt())));
    }

    private static GuildEvent toEvent(GuildEventsRecord row) {
        return new GuildEvent(row.getGuildId(), row.getSeq(), GuildEventKind.valueOf(row.getKind()), row.getDelta(),
                row.getScoreAfter(), Optional.ofNullable(row.getAnchorId()).map(AnchorId::new),
                Optional.ofNullable(row.getViolationId()), row.getDescription(), Times.fromMillis(row.getRecordedAt()),
                row.getActor());
    }
}
