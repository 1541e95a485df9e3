package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.AnchorsRecord;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.anchor.ScoreKey;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;

/** Anchors and their score projection, one row each, keyed by anchor id. */
public final class JooqAnchors implements Anchors {
    /** Rows per round trip when streaming every anchor. */
    static final int STREAM_PAGE = 1000;

    /**
     * The held sessions on the row, one "held_until session" line each: session ids hold no control
     * characters (the application checks), so a newline ends each, and the first space ends the time.
     */
    private static final String SESSION_SEPARATOR = "\n";

    /** What a write of an anchor's standing changes; its profile is written by UpsertAnchor alone. */
    private static final List<Field<?>> STANDING_COLUMNS = List.of(ANCHORS.INITIAL_SCORE, ANCHORS.SCORE,
            ANCHORS.LEDGER_SEQ, ANCHORS.LAST_VIOLATION_AT, ANCHORS.SELLING_REVOCATIONS, ANCHORS.HELD_SESSIONS,
            ANCHORS.SESSIONS_SPILLED_UNTIL, ANCHORS.CLEAN_SINCE, ANCHORS.UPDATED_AT);
    /**
     * What the upsert of many standings names: the id and the standing. Its insert never happens, so
     * the profile's columns are left to their defaults (V25) rather than parsed for every anchor.
     */
    private static final List<Field<?>> UPSERTED = Stream.concat(Stream.of(ANCHORS.ANCHOR_ID),
            STANDING_COLUMNS.stream()).toList();
    /** Their places in an anchor's record: a record's value by field is a search of its fields. */
    private static final int[] UPSERTED_PLACES = UPSERTED.stream().mapToInt(ANCHORS::indexOf).toArray();
    /*
     * The upsert, in plain SQL: MySQL 8, MariaDB and H2 (MySQL mode) all read VALUES(col) there, while
     * jOOQ's MySQL rendering uses a row alias that MariaDB lacks, and a jdbc:mysql: URL does not say
     * which of the two is behind it.
     */
    private static final String UPSERT_HEAD = "INSERT INTO anchors (" + String.join(", ", UPSERTED.stream()
            .map(Field::getName).toList()) + ") VALUES ";
    private static final String UPSERT_ROW = "(" + String.join(", ", Collections.nCopies(UPSERTED.size(), "?")) + ")";
    private static final String UPSERT_TAIL = " ON DUPLICATE KEY UPDATE " + String.join(", ", STANDING_COLUMNS.stream()
            .map(column -> column.getName() + " = VALUES(" + column.getName() + ")").toList());

    private final DSLContext dsl;
    private final RenderedOnce renderedOnce;

    public JooqAnchors(DSLContext dsl) {
        this.dsl = dsl;
        this.renderedOnce = new RenderedOnce(dsl);
    }

    @Override
    public Optional<AnchorRecord> find(AnchorId anchorId) {
        return StoreErrors.translating(() -> dsl.selectFrom(ANCHORS)
                .where(ANCHORS.ANCHOR_ID.eq(anchorId.value()))
                .fetchOptional()
                .map(JooqAnchors::toAnchor));
    }

    @Override
    public List<AnchorRecord> findAll(Collection<AnchorId> anchorIds) {
        if (anchorIds.isEmpty()) {
            return List.of();
        }
        return StoreErrors.translating(() -> dsl.selectFrom(ANCHORS)
                .where(ANCHORS.ANCHOR_ID.in(anchorIds.stream().map(AnchorId::value).toList()))
                .orderBy(ANCHORS.ANCHOR_ID)
                .fetch(JooqAnchors::toAnchor));
    }

    @Override
    public Optional<AnchorRecord> lock(AnchorId anchorId) {
        return Optional.ofNullable(lockAll(List.of(anchorId)).get(anchorId));
    }

    /** Reads and locks the anchors that exist among these, in id order (so that lockers cannot deadlock). */
    Map<AnchorId, AnchorRecord> lockAll(Collection<AnchorId> anchorIds) {
        return lockAll(anchorIds, Locking.WAIT).rows();
    }

    AnchorChanges.Locked lockAll(Collection<AnchorId> anchorIds, Locking locking) {
        if (anchorIds.isEmpty()) {
            return new AnchorChanges.Locked(Map.of(), Set.of());
        }
        List<String> ids = anchorIds.stream().map(AnchorId::value).toList();
        List<AnchorRecord> locked = renderedOnce.fetch(ANCHORS, "anchors locked " + locking + " " + ids.size(), () -> {
            var forUpdate = dsl.selectFrom(ANCHORS).where(ANCHORS.ANCHOR_ID.in(ids)).orderBy(ANCHORS.ANCHOR_ID).forUpdate();
            return locking == Locking.SKIP_HELD ? forUpdate.skipLocked() : forUpdate;
        }, ids).stream().map(JooqAnchors::toAnchor).toList();
        Map<AnchorId, AnchorRecord> byId = new LinkedHashMap<>();
        locked.forEach(record -> byId.put(record.profile().anchorId(), record));
        if (byId.size() == anchorIds.size() || locking == Locking.WAIT) {
            return new AnchorChanges.Locked(byId, Set.of());
        }
        Set<String> held = HeldRows.among(dsl, ANCHORS, ANCHORS.ANCHOR_ID, ids,
                locked.stream().map(record -> record.profile().anchorId().value()).toList());
        return new AnchorChanges.Locked(byId, held.stream().map(AnchorId::new).collect(Collectors.toSet()));
    }

    @Override
    public void insert(AnchorRecord anchor) {
        AnchorsRecord row = dsl.newRecord(ANCHORS);
        writeProfile(row, anchor.profile());
        writeStanding(row, anchor.anchor());
        row.setCreatedAt(Times.toMillis(anchor.createdAt()));
        row.setUpdatedAt(Times.toMillis(anchor.updatedAt()));
        StoreErrors.translating(() -> dsl.insertInto(ANCHORS).set(row).execute());
    }

    @Override
    public void updateProfile(AnchorProfile profile, Instant updatedAt) {
        AnchorsRecord row = dsl.newRecord(ANCHORS);
        writeProfile(row, profile);
        row.setUpdatedAt(Times.toMillis(updatedAt));
        row.changed(ANCHORS.ANCHOR_ID, false);
        StoreErrors.translating(() -> dsl.update(ANCHORS).set(row)
                .where(ANCHORS.ANCHOR_ID.eq(profile.anchorId().value())).execute());
    }

    @Override
    public void updateStandings(List<Anchor> changed, Instant updatedAt) {
        List<Query> updates = standingsOf(changed, updatedAt).statements(dsl);
        if (updates.size() == 1) {
            StoreErrors.translating(() -> updates.get(0).execute());
        } else if (!updates.isEmpty()) {
            StoreErrors.translating(() -> dsl.batch(updates).execute());
        }
    }

    /**
     * One anchor: an UPDATE. Several: one upsert per chunk of rows instead of a statement per anchor;
     * its insert never happens (the rows are locked, so they exist), its update sets the standing
     * columns alone. Then what their changes spilled to the session store, if anything.
     */
    RowWrite standingsOf(List<Anchor> changed, Instant updatedAt) {
        RowWrite spills = JooqAnchorSessions.spillsOf(changed, updatedAt);
        return new RowWrite() {
            @Override
            public List<Query> statements(DSLContext context) {
                List<Query> statements = new ArrayList<>();
                if (changed.size() == 1) {
                    AnchorsRecord row = context.newRecord(ANCHORS);
                    writeStanding(row, changed.get(0));
                    row.setUpdatedAt(Times.toMillis(updatedAt));
                    statements.add(context.update(ANCHORS).set(row)
                            .where(ANCHORS.ANCHOR_ID.eq(changed.get(0).anchorId().value())));
                } else {
                    upserts().forEach(values -> statements.add(context.query(upsert(values), values.toArray())));
                }
                statements.addAll(spills.statements(context));
                return statements;
            }

            @Override
            public List<Bound> bound() {
                List<Bound> statements = new ArrayList<>();
                for (List<Object> values : upserts()) {
                    statements.add(new Bound(upsert(values), values));
                }
                statements.addAll(spills.bound());
                return statements;
            }

            private List<List<Object>> upserts() {
                List<List<Object>> chunks = new ArrayList<>();
                for (int from = 0; from < changed.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
                    List<Object> values = new ArrayList<>();
                    for (Anchor anchor : changed.subList(from, Math.min(changed.size(),
                            from + MultiRowInsert.ROWS_PER_STATEMENT))) {
                        AnchorsRecord row = new AnchorsRecord();
                        row.setAnchorId(anchor.anchorId().value());
                        writeStanding(row, anchor);
                        row.setUpdatedAt(Times.toMillis(updatedAt));
                        // By place: a detached record's into() builds a configuration and a mapper each time.
                        for (int place : UPSERTED_PLACES) {
                            values.add(row.get(place));
                        }
                    }
                    chunks.add(values);
                }
                return chunks;
            }

            private String upsert(List<Object> values) {
                return UPSERT_HEAD + String.join(", ", Collections.nCopies(values.size() / UPSERTED.size(),
                        UPSERT_ROW)) + UPSERT_TAIL;
            }
        };
    }

    /**
     * Sorted by the database: along the primary key for ids and {@code ix_anchors_name} for names, read
     * backward for previous pages. No index holds the scores (every deduction would move its entry):
     * in score order the rows the filter selects are sorted, which the service asks of the store only
     * with a guild or a text to select them by.
     */
    @Override
    public Page<AnchorRecord> list(AnchorFilter filter, AnchorOrder order, PageRequest page) {
        Condition where = conditionOf(filter);
        SortedBy sorted = SortedBy.of(order);
        return StoreErrors.translating(() -> sorted.keyset().read(page, sorted.parseKey(), (seek, orderBy) ->
                dsl.selectFrom(ANCHORS)
                        .where(where.and(seek))
                        .orderBy(orderBy)
                        .limit(page.size() + 1)
                        .fetch(JooqAnchors::toAnchor), sorted.keyOf()));
    }

    @Override
    public ListCount count(AnchorFilter filter, AnchorOrder order, Optional<String> before) {
        SortedBy sorted = SortedBy.of(order);
        return StoreErrors.translating(() -> sorted.keyset().count(dsl, ANCHORS, conditionOf(filter), before,
                sorted.parseKey()));
    }

    private static Condition conditionOf(AnchorFilter filter) {
        Condition condition = ScoreRange.within(ANCHORS.SCORE, filter.minScore(), filter.maxScore());
        if (filter.guildIds().isPresent()) {
            condition = condition.and(ANCHORS.GUILD_ID.in(filter.guildIds().get()));
        }
        if (filter.text().isPresent()) {
            // jOOQ escapes the text's own % and _ in both patterns.
            String text = filter.text().get();
            condition = condition.and(ANCHORS.ANCHOR_ID.startsWith(text)
                    .or(ANCHORS.DISPLAY_NAME.containsIgnoreCase(text)));
        }
        return condition;
    }

    /**
     * An order's columns and page keys: the anchor id alone in id order (as gRPC's page tokens have
     * always carried it), else the sort key and the id, the id first where the sort key is free text
     * (ids hold no {@code /}).
     */
    private record SortedBy(Keyset keyset, Function<AnchorRecord, String> keyOf, Function<String, List<?>> parseKey) {
        static SortedBy of(AnchorOrder order) {
            return switch (order) {
                case ID -> new SortedBy(Keyset.ascending(ANCHORS.ANCHOR_ID), record -> idOf(record), List::of);
                case NAME -> new SortedBy(Keyset.ascending(ANCHORS.DISPLAY_NAME, ANCHORS.ANCHOR_ID),
                        record -> idOf(record) + "/" + record.profile().displayName(), key -> {
                            int slash = key.indexOf('/');
                            return List.of(key.substring(slash + 1), key.substring(0, slash));
                        });
                case SCORE_ASCENDING -> byScore(Keyset.ascending(ANCHORS.SCORE, ANCHORS.ANCHOR_ID));
                case SCORE_DESCENDING -> byScore(Keyset.descending(ANCHORS.SCORE, ANCHORS.ANCHOR_ID));
            };
        }

        private static SortedBy byScore(Keyset keyset) {
            return new SortedBy(keyset, record -> new ScoreKey(record.anchor().score().score(), idOf(record)).spelled(),
                    key -> {
                        ScoreKey place = ScoreKey.parse(key);
                        return List.of(place.score(), place.anchorId());
                    });
        }

        private static String idOf(AnchorRecord record) {
            return record.profile().anchorId().value();
        }
    }

    @Override
    public Map<String, Long> membersOf(Collection<String> guildIds) {
        if (guildIds.isEmpty()) {
            return Map.of();
        }
        return StoreErrors.translating(() -> dsl.select(ANCHORS.GUILD_ID, DSL.count()).from(ANCHORS)
                .where(ANCHORS.GUILD_ID.in(guildIds)).groupBy(ANCHORS.GUILD_ID)
                .fetchMap(ANCHORS.GUILD_ID, row -> row.value2().longValue()));
    }

    @Override
    public void releaseGuild(String guildId) {
        StoreErrors.translating(() -> {
            dsl.select(ANCHORS.ANCHOR_ID).from(ANCHORS).where(ANCHORS.GUILD_ID.eq(guildId)).orderBy(ANCHORS.ANCHOR_ID)
                    .forUpdate().noWait().execute();
            dsl.update(ANCHORS).setNull(ANCHORS.GUILD_ID).where(ANCHORS.GUILD_ID.eq(guildId)).execute();
        });
    }

    @Override
    public void forEach(Consumer<AnchorRecord> consumer) {
        Optional<String> after = Optional.empty();
        while (true) {
            Page<AnchorRecord> page = list(new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty()),
                    new PageRequest(STREAM_PAGE, after));
            page.items().forEach(consumer);
            if (page.nextAfter().isEmpty()) {
                return;
            }
            after = page.nextAfter();
        }
    }

    /**
     * One statement streamed row by row (MySQL's driver streams at a fetch size of
     * {@code Integer.MIN_VALUE}; H2 reads ahead by the fetch size), each row read by position into
     * the facts it holds: no record object, no id validation (the id was checked when it was stored).
     */
    @Override
    public void forEachStanding(StandingConsumer consumer) {
        String query = dsl.renderInlined(dsl.select(ANCHORS.ANCHOR_ID, ANCHORS.LEDGER_SEQ, ANCHORS.SCORE,
                ANCHORS.INITIAL_SCORE, ANCHORS.LAST_VIOLATION_AT, ANCHORS.SELLING_REVOCATIONS, ANCHORS.HELD_SESSIONS,
                ANCHORS.SESSIONS_SPILLED_UNTIL).from(ANCHORS));
        int fetchSize = dsl.dialect().family() == SQLDialect.H2 ? STREAM_PAGE : Integer.MIN_VALUE;
        StoreErrors.translating(() -> dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(fetchSize);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long lastViolation = rows.getLong(5);
                        Optional<Instant> last = rows.wasNull() ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(lastViolation));
                        String held = rows.getString(7);
                        long spilledMillis = rows.getLong(8);
                        Long spilled = rows.wasNull() ? null : spilledMillis;
                        HeldSessions sessions = held == null && spilled == null ? HeldSessions.NONE
                                : heldSessions(held, spilled);
                        consumer.accept(rows.getString(1), rows.getInt(2), new StandingFacts(rows.getInt(3),
                                rows.getInt(4), last, rows.getInt(6) > 0, sessions));
                    }
                }
            }
        }));
    }

    private static void writeProfile(AnchorsRecord row, AnchorProfile profile) {
        row.setAnchorId(profile.anchorId().value());
        row.setDisplayName(profile.displayName());
        row.setCertification(profile.certification().name());
        row.setAnchorLevel(profile.level());
        row.setFanCount(profile.fanCount());
        row.setAverageViewers(profile.averageViewers());
        row.setGuildId(profile.guildId().orElse(null));
    }

    private static void writeStanding(AnchorsRecord row, Anchor anchor) {
        AnchorScore score = anchor.score();
        row.setInitialScore(score.initialScore());
        row.setScore(score.score());
        row.setLedgerSeq(score.ledgerSequence());
        row.setLastViolationAt(Times.toMillis(score.lastViolationAt().orElse(null)));
        row.setSellingRevocations(anchor.sellingRevocations());
        HeldSessions held = anchor.heldSessions();
        row.setHeldSessions(held.kept().isEmpty() ? null : String.join(SESSION_SEPARATOR, held.inOrder().stream()
                .map(session -> session.getValue().toEpochMilli() + " " + session.getKey()).toList()));
        row.setSessionsSpilledUntil(Times.toMillis(held.spilledUntil().orElse(null)));
        row.setCleanSince(Times.toMillis(anchor.cleanSince().orElse(null)));
    }

    private static AnchorRecord toAnchor(AnchorsRecord row) {
        AnchorId id = new AnchorId(row.getAnchorId());
        AnchorProfile profile = new AnchorProfile(id, row.getDisplayName(),
                Certification.valueOf(row.getCertification()), row.getAnchorLevel(), row.getFanCount(),
                row.getAverageViewers(), Optional.ofNullable(row.getGuildId()));
        AnchorScore score = new AnchorScore(id, row.getInitialScore(), row.getScore(), row.getLedgerSeq(),
                Optional.ofNullable(Times.fromMillis(row.getLastViolationAt())));
        Anchor anchor = new Anchor(profile, score, row.getSellingRevocations(),
                heldSessions(row.getHeldSessions(), row.getSessionsSpilledUntil()),
                Optional.ofNullable(Times.fromMillis(row.getCleanSince())));
        return new AnchorRecord(anchor, Times.fromMillis(row.getCreatedAt()), Times.fromMillis(row.getUpdatedAt()));
    }

    private static HeldSessions heldSessions(String held, Long spilledUntil) {
        Map<String, Instant> kept = new HashMap<>();
        if (held != null) {
            for (String line : held.split(SESSION_SEPARATOR)) {
                int space = line.indexOf(' ');
                kept.put(line.substring(space + 1), Instant.ofEpochMilli(Long.parseLong(line.substring(0, space))));
            }
        }
        return new HeldSessions(kept, Optional.ofNullable(Times.fromMillis(spilledUntil)));
    }
}
