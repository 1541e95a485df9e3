package com.anchorhealth.application.standing;

import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.ScoreKey;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.sanction.StandingView;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Singleton;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every registered anchor's standing facts in memory, so that capability checks need no database
 * round trip. Writers publish the facts they committed, tagged with the anchor's ledger sequence;
 * an older sequence never replaces a newer one, whatever order the commits' threads arrive in.
 * <p>Dense, since every instance holds all of a platform's tens of millions of anchors, and with no
 * object per anchor: each anchor gets a number in the order it was first published; its id's bytes
 * go to pages of an arena, and one open-addressing table of {@code int}s maps an id to its number.
 * The facts a check reads are packed into one {@code long} (score, initial score, selling revoked,
 * the last violation's epoch millisecond), so that a reader sees them whole without a lock; only
 * anchors whose facts do not pack, chiefly those with held sessions, keep their {@link StandingFacts}
 * apart. Publishing takes the index's lock (writers are few, readers many); reading takes none.
 */
@Singleton
public final class StandingIndex {
    private static final int PAGE_BITS = 14;
    private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;
    /** Under half of G1's smallest region, so that a page is not a humongous object taking two. */
    private static final int ARENA_PAGE_BITS = 18;
    private static final int ARENA_PAGE_MASK = (1 << ARENA_PAGE_BITS) - 1;
    /** An id's place is an {@code int}: its arena page in the high bits, where on the page in the rest. */
    private static final int MAX_ARENA_PAGES = (1 << (Integer.SIZE - ARENA_PAGE_BITS)) - 1;

    private static final int SCORE_BITS = 10;
    private static final long SCORE_MASK = (1L << SCORE_BITS) - 1;
    private static final long SELLING_REVOKED = 1L << (2 * SCORE_BITS);
    /** The facts are kept as they came, in {@link Columns#apart}; no other bit is set. */
    private static final long APART = SELLING_REVOKED << 1;
    private static final int LAST_SHIFT = 2 * SCORE_BITS + 2;
    /** The last violation is stored as milliseconds since this instant, plus one (zero: none). */
    private static final long LAST_ORIGIN_MILLIS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST_LIMIT = 1L << (Long.SIZE - LAST_SHIFT);

    private static final int MAX_LOAD_PERCENT = 75;
    private static final int GOLDEN = 0x9E3779B9;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle FACTS = MethodHandles.arrayElementVarHandle(StandingFacts[].class);

    /**
     * The pages of per-anchor columns and of the id arena. Pages are never replaced, only the
     * directories grow, so that a reader holding an older directory still reads current values.
     */
    private record Columns(long[][] packed, StandingFacts[][] apart, int[][] sequences, int[][] idRefs,
                           byte[][] idBytes) {
    }

    /** Slots hold an anchor's number plus one (zero: empty); replaced whole when it grows. */
    private record Table(int[] slots, int shift) {
        static Table ofCapacity(int capacity) {
            return new Table(new int[capacity], Integer.SIZE - Integer.numberOfTrailingZeros(capacity));
        }

        int home(int hash) {
            return (hash * GOLDEN) >>> shift;
        }
    }

    /** The clean facts for each initial score and score, built once when first read. */
    private final Optional<StandingFacts>[][] cleanFacts = newCleanFacts();

    private volatile Columns columns = new Columns(new long[0][], new StandingFacts[0][], new int[0][], new int[0][],
            new byte[0][]);
    private volatile Table table = Table.ofCapacity(1024);
    private volatile int size;
    /** Where the next id goes in the arena; only writers use it, under the lock. */
    private int arenaEnd;

    /** The facts; nothing is allocated for those that repeat for many anchors (clean at a score). */
    public Optional<StandingFacts> factsOf(AnchorId anchorId) {
        int anchor = numberOf(anchorId.value());
        if (anchor < 0) {
            return Optional.empty();
        }
        Columns current = columns;
        long packed = packedAt(current, anchor);
        return isClean(packed) ? clean(packed) : Optional.of(factsAt(current, anchor));
    }

    /**
     * The facts of the anchor with these bytes (a valid {@link AnchorId}'s, ASCII) as the rules read
     * them, or null when no anchor has this id: packed facts through {@code view}, which this fills
     * and returns, so that reading the facts of an anchor with a violation builds no object.
     */
    public StandingView viewOf(byte[] anchorId, PackedView view) {
        int anchor = numberOf(hashOf(anchorId, 0, anchorId.length), anchorId, BYTES);
        if (anchor < 0) {
            return null;
        }
        Columns current = columns;
        long packed = packedAt(current, anchor);
        if (packed == APART) {
            return factsAt(current, anchor);
        }
        view.packed = packed;
        return view;
    }

    /**
     * A reader's view of one anchor's packed facts: one a thread, refilled by each {@link #viewOf}, and
     * read before the thread's next look-up.
     */
    public static final class PackedView implements StandingView {
        private long packed;

        @Override
        public int score() {
            return scoreOf(packed);
        }

        @Override
        public int initialScore() {
            return initialScoreOf(packed);
        }

        @Override
        public boolean sellingRevoked() {
            return sellingRevokedIn(packed);
        }

        @Override
        public HeldSessions heldSessions() {
            return HeldSessions.NONE;
        }

        @Override
        public boolean lastViolationAfter(long epochSecond, int nano) {
            long last = packed >>> LAST_SHIFT;
            if (last == 0) {
                return false;
            }
            long millis = lastViolationMillis(last);
            long second = Math.floorDiv(millis, 1000);
            int millisNano = (int) Math.floorMod(millis, 1000) * 1_000_000;
            return StandingView.isAfter(second, millisNano, epochSecond, nano);
        }
    }

    /** The indexed facts, or those the record holds when the index lacks the anchor. */
    public StandingFacts factsOf(AnchorRecord record) {
        return factsOf(record.profile().anchorId()).orElseGet(() -> record.anchor().facts());
    }

    /** Publishes the facts as of the anchor's ledger sequence, unless newer ones are already there. */
    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
        publish(anchorId.value(), sequence, facts);
    }

    /** As {@link #publish(AnchorId, int, StandingFacts)}, for an id the store already holds. */
    public synchronized void publish(String anchorId, int sequence, StandingFacts facts) {
        int anchor = numberOf(anchorId);
        if (anchor < 0) {
            anchor = append(anchorId);
            store(anchor, sequence, facts);
            makeFindable(anchorId, anchor);
        } else if (sequence >= columns.sequences()[anchor >>> PAGE_BITS][anchor & PAGE_MASK]) {
            store(anchor, sequence, facts);
        }
    }

    /** How many anchors stand on each tier under these thresholds, from memory. */
    public Map<Tier, Long> tierCounts(Thresholds thresholds) {
        long[] counts = new long[Tier.values().length];
        int anchors = size;
        Columns current = columns;
        for (int anchor = 0; anchor < anchors; anchor++) {
            counts[thresholds.tierFor(scoreAt(current, anchor)).ordinal()]++;
        }
        Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            byTier.put(tier, counts[tier.ordinal()]);
        }
        return byTier;
    }

    /**
     * The order of a list read from the index: by score then id, or by id alone; ascending, or
     * descending as its exact reverse. Ids compare byte for byte, as the store compares them.
     */
    public record Order(boolean byScore, boolean ascending) {
        /** The same list read the other way. */
        public Order reversed() {
            return new Order(byScore, !ascending);
        }

        /** An ascending comparison's result in this order. */
        int signed(int ascendingComparison) {
            return ascending ? ascendingComparison : -ascendingComparison;
        }
    }

    /**
     * Up to {@code limit} anchors scored within [{@code minScore}, {@code maxScore}] that come after
     * {@code after} in {@code order} (from the start without it), in that order: one pass over every
     * anchor, keeping the nearest {@code limit} in a heap, so that a page costs the same at any depth.
     */
    public List<ScoreKey> places(int minScore, int maxScore, Order order, Optional<ScoreKey> after, int limit) {
        int anchors = size;
        Columns current = columns;
        Nearest nearest = new Nearest(current, order, limit);
        byte[] afterId = after.map(place -> ascii(place.anchorId())).orElse(null);
        int afterScore = after.map(ScoreKey::score).orElse(0);
        // Anchors are numbered as they were loaded (a scan of the table, in id order on every engine
        // used here), then as they registered. Walked the list's way, the nearest tend to come first and
        // most later ones are refused by one comparison, not sifted through the heap: the order only
        // saves time, the result does not depend on it.
        for (int i = 0; i < anchors; i++) {
            int anchor = order.ascending() ? i : anchors - 1 - i;
            int score = scoreAt(current, anchor);
            if (score >= minScore && score <= maxScore && (afterId == null
                    || order.signed(compare(current, anchor, score, afterScore, afterId, order)) > 0)) {
                nearest.offer(anchor, score);
            }
        }
        return nearest.inOrder();
    }

    /**
     * How many anchors are scored within [{@code minScore}, {@code maxScore}], and how many of them
     * come before {@code before} in {@code order} (none without it).
     */
    public ListCount count(int minScore, int maxScore, Order order, Optional<ScoreKey> before) {
        int anchors = size;
        Columns current = columns;
        byte[] beforeId = before.map(place -> ascii(place.anchorId())).orElse(null);
        int beforeScore = before.map(ScoreKey::score).orElse(0);
        long total = 0;
        long ahead = 0;
        for (int anchor = 0; anchor < anchors; anchor++) {
            int score = scoreAt(current, anchor);
            if (score >= minScore && score <= maxScore) {
                total++;
                if (beforeId != null
                        && order.signed(compare(current, anchor, score, beforeScore, beforeId, order)) < 0) {
                    ahead++;
                }
            }
        }
        return new ListCount(total, ahead);
    }

    /** The nearest anchors met so far, the farthest of them on top of a heap. */
    private static final class Nearest {
        private final Columns columns;
        private final Order order;
        private final int[] anchors;
        private final int[] scores;
        private int size;

        Nearest(Columns columns, Order order, int limit) {
            this.columns = columns;
            this.order = order;
            this.anchors = new int[limit];
            this.scores = new int[limit];
        }

        void offer(int anchor, int score) {
            if (size < anchors.length) {
                anchors[size] = anchor;
                scores[size] = score;
                up(size++);
            } else if (size > 0 && farther(0, anchor, score)) {
                anchors[0] = anchor;
                scores[0] = score;
                down(0);
            }
        }

        List<ScoreKey> inOrder() {
            Integer[] heap = new Integer[size];
            Arrays.setAll(heap, i -> i);
            Arrays.sort(heap, (a, b) -> order.signed(compareAt(a, anchors[b], scores[b])));
            List<ScoreKey> places = new ArrayList<>(size);
            for (int i : heap) {
                places.add(new ScoreKey(scores[i], idOf(columns, anchors[i])));
            }
            return places;
        }

        /** Whether the heap's item at {@code i} lies farther in the order than this anchor. */
        private boolean farther(int i, int anchor, int score) {
            return order.signed(compareAt(i, anchor, score)) > 0;
        }

        /** The heap's item at {@code i} against this anchor, ascending. */
        private int compareAt(int i, int anchor, int score) {
            int ref = idRef(columns, anchor);
            byte[] page = columns.idBytes()[ref >>> ARENA_PAGE_BITS];
            int at = ref & ARENA_PAGE_MASK;
            return compare(columns, anchors[i], scores[i], score, page, at + 1, page[at], order);
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!farther(i, anchors[parent], scores[parent])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int farthest = i;
                for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                    if (farther(child, anchors[farthest], scores[farthest])) {
                        farthest = child;
                    }
                }
                if (farthest == i) {
                    return;
                }
                swap(i, farthest);
                i = farthest;
            }
        }

        private void swap(int i, int j) {
            int anchor = anchors[i];
            int score = scores[i];
            anchors[i] = anchors[j];
            scores[i] = scores[j];
            anchors[j] = anchor;
            scores[j] = score;
        }
    }

    /** The anchor against a key, ascending by score (when the order is by score) then id. */
    private static int compare(Columns columns, int anchor, int score, int keyScore, byte[] keyId, Order order) {
        return compare(columns, anchor, score, keyScore, keyId, 0, keyId.length, order);
    }

    private static int compare(Columns columns, int anchor, int score, int keyScore, byte[] keyBytes, int keyFrom,
                               int keyLength, Order order) {
        if (order.byScore() && score != keyScore) {
            return Integer.compare(score, keyScore);
        }
        int ref = idRef(columns, anchor);
        byte[] page = columns.idBytes()[ref >>> ARENA_PAGE_BITS];
        int at = ref & ARENA_PAGE_MASK;
        return Arrays.compare(page, at + 1, at + 1 + page[at], keyBytes, keyFrom, keyFrom + keyLength);
    }

    /** Where an anchor's id is: its arena page in the high bits, its length's byte on the page in the rest. */
    private static int idRef(Columns columns, int anchor) {
        return columns.idRefs()[anchor >>> PAGE_BITS][anchor & PAGE_MASK];
    }

    private static String idOf(Columns columns, int anchor) {
        int ref = idRef(columns, anchor);
        byte[] page = columns.idBytes()[ref >>> ARENA_PAGE_BITS];
        int at = ref & ARENA_PAGE_MASK;
        return new String(page, at + 1, page[at], StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String anchorId) {
        return anchorId.getBytes(StandardCharsets.US_ASCII);
    }

    private int scoreAt(Columns columns, int anchor) {
        long packed = packedAt(columns, anchor);
        return packed != APART ? scoreOf(packed) : factsAt(columns, anchor).score();
    }

    public int size() {
        return size;
    }

    /** Loads every stored anchor, with the facts its row holds. */
    public void loadFrom(Anchors anchors) {
        anchors.forEachStanding(this::publish);
    }

    private int numberOf(String anchorId) {
        return numberOf(anchorId.hashCode(), anchorId, CHARACTERS);
    }

    /** The anchor's number, or -1: {@code id}, as {@code matcher} compares it with stored ids, has that hash. */
    private <T> int numberOf(int hash, T id, IdMatcher<T> matcher) {
        Table current = table;
        int[] slots = current.slots();
        int mask = slots.length - 1;
        for (int slot = current.home(hash); ; slot = (slot + 1) & mask) {
            int entry = (int) INTS.getAcquire(slots, slot);
            if (entry == 0) {
                return -1;
            }
            Columns stored = columns;
            int ref = stored.idRefs()[(entry - 1) >>> PAGE_BITS][(entry - 1) & PAGE_MASK];
            byte[] page = stored.idBytes()[ref >>> ARENA_PAGE_BITS];
            int at = ref & ARENA_PAGE_MASK;
            if (matcher.matches(page, at + 1, page[at], id)) {
                return entry - 1;
            }
        }
    }

    /** Whether the stored id of {@code length} bytes from {@code at} of {@code page} is {@code id}. */
    private interface IdMatcher<T> {
        boolean matches(byte[] page, int at, int length, T id);
    }

    /** Ids given as a {@code String}; a stored id's bytes are its ASCII characters. */
    private static final IdMatcher<String> CHARACTERS = (page, at, length, id) -> {
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (page[at + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    };

    /** Ids given as their bytes. */
    private static final IdMatcher<byte[]> BYTES =
            (page, at, length, id) -> Arrays.equals(page, at, at + length, id, 0, id.length);

    /** The hash of an id as stored, equal to its {@code String}'s. */
    private static int hashOf(Columns columns, int anchor) {
        int ref = idRef(columns, anchor);
        byte[] bytes = columns.idBytes()[ref >>> ARENA_PAGE_BITS];
        int at = ref & ARENA_PAGE_MASK;
        return hashOf(bytes, at + 1, bytes[at]);
    }

    /** The hash of the id of these ASCII bytes, equal to its {@code String}'s. */
    private static int hashOf(byte[] bytes, int from, int length) {
        int hash = 0;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    /** Gives a new anchor its number and its id a place; readers find it once {@link #makeFindable}. */
    private int append(String anchorId) {
        int anchor = size;
        Columns grown = withRoomFor(anchor, anchorId.length() + 1);
        int ref = arenaEnd;
        byte[] bytes = grown.idBytes()[ref >>> ARENA_PAGE_BITS];
        int at = ref & ARENA_PAGE_MASK;
        bytes[at] = (byte) anchorId.length();
        for (int i = 0; i < anchorId.length(); i++) {
            char c = anchorId.charAt(i);
            if (c > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("anchor ids are ASCII: " + anchorId);
            }
            bytes[at + 1 + i] = (byte) c;
        }
        arenaEnd = ref + anchorId.length() + 1;
        grown.idRefs()[anchor >>> PAGE_BITS][anchor & PAGE_MASK] = ref;
        columns = grown;
        return anchor;
    }

    /** Enters a new anchor, its facts stored, in the table (grown first if it would be too full). */
    private void makeFindable(String anchorId, int anchor) {
        Table current = (anchor + 1) * 100L > table.slots().length * (long) MAX_LOAD_PERCENT
                ? rehashed(columns, anchor, table.slots().length * 2) : table;
        insert(current, anchorId.hashCode(), anchor);
        table = current;
        size = anchor + 1;
    }

    /** The columns with a page for {@code anchor} and room in the arena for {@code idLength} bytes. */
    private Columns withRoomFor(int anchor, int idLength) {
        Columns current = columns;
        int page = anchor >>> PAGE_BITS;
        if (page == current.packed().length) {
            current = new Columns(withPage(current.packed(), new long[PAGE_MASK + 1]),
                    withPage(current.apart(), new StandingFacts[PAGE_MASK + 1]),
                    withPage(current.sequences(), new int[PAGE_MASK + 1]),
                    withPage(current.idRefs(), new int[PAGE_MASK + 1]), current.idBytes());
        }
        int arenaPage = arenaEnd >>> ARENA_PAGE_BITS;
        boolean fits = arenaPage < current.idBytes().length && (arenaEnd & ARENA_PAGE_MASK) + idLength <= ARENA_PAGE_MASK;
        if (!fits) {
            int next = current.idBytes().length;
            if (next == MAX_ARENA_PAGES) {
                throw new IllegalStateException("the standing index's ids fill its arena of " + next + " pages");
            }
            current = new Columns(current.packed(), current.apart(), current.sequences(), current.idRefs(),
                    withPage(current.idBytes(), new byte[ARENA_PAGE_MASK + 1]));
            arenaEnd = next << ARENA_PAGE_BITS;
        }
        return current;
    }

    private static <T> T[] withPage(T[] pages, T page) {
        T[] grown = Arrays.copyOf(pages, pages.length + 1);
        grown[pages.length] = page;
        return grown;
    }

    private static Table rehashed(Columns columns, int anchors, int capacity) {
        Table grown = Table.ofCapacity(capacity);
        for (int anchor = 0; anchor < anchors; anchor++) {
            insert(grown, hashOf(columns, anchor), anchor);
        }
        return grown;
    }

    private static void insert(Table table, int hash, int anchor) {
        int[] slots = table.slots();
        int slot = table.home(hash);
        while (slots[slot] != 0) {
            slot = (slot + 1) & (slots.length - 1);
        }
        INTS.setRelease(slots, slot, anchor + 1);
    }

    /** Stores apart facts before the packed word that points to them, so that a reader finds them. */
    private void store(int anchor, int sequence, StandingFacts facts) {
        Columns current = columns;
        int page = anchor >>> PAGE_BITS;
        int at = anchor & PAGE_MASK;
        current.sequences()[page][at] = sequence;
        long packed = pack(facts);
        if (packed == APART) {
            FACTS.setRelease(current.apart()[page], at, facts);
            LONGS.setRelease(current.packed()[page], at, packed);
        } else {
            LONGS.setRelease(current.packed()[page], at, packed);
            FACTS.setRelease(current.apart()[page], at, (StandingFacts) null);
        }
    }

    private static long packedAt(Columns columns, int anchor) {
        return (long) LONGS.getAcquire(columns.packed()[anchor >>> PAGE_BITS], anchor & PAGE_MASK);
    }

    private StandingFacts factsAt(Columns columns, int anchor) {
        while (true) {
            long packed = packedAt(columns, anchor);
            if (packed != APART) {
                return isClean(packed) ? clean(packed).get() : unpack(packed);
            }
            StandingFacts apart = (StandingFacts) FACTS.getAcquire(columns.apart()[anchor >>> PAGE_BITS],
                    anchor & PAGE_MASK);
            if (apart != null) {
                return apart;
            }
            // A writer packed the facts after this read them as apart: read them again.
        }
    }

    /** The packed word, or {@link #APART} when the facts do not fit in one. */
    private static long pack(StandingFacts facts) {
        if (!facts.heldSessions().isEmpty() || !fits(facts.score()) || !fits(facts.initialScore())) {
            return APART;
        }
        long last = 0;
        if (facts.lastViolationAt().isPresent()) {
            Instant at = facts.lastViolationAt().get();
            long seconds = at.getEpochSecond() - LAST_ORIGIN_MILLIS / 1000;
            if (at.getNano() % 1_000_000 != 0 || seconds < 0 || seconds >= LAST_LIMIT / 1000) {
                return APART;
            }
            last = seconds * 1000 + at.getNano() / 1_000_000 + 1;
            if (last >= LAST_LIMIT) {
                return APART;
            }
        }
        return last << LAST_SHIFT | (facts.sellingRevoked() ? SELLING_REVOKED : 0)
                | (long) facts.initialScore() << SCORE_BITS | facts.score();
    }

    private static boolean fits(int score) {
        return score >= 0 && score <= SCORE_MASK;
    }

    /** No bit above the scores: no violation, selling kept, not apart. */
    private static boolean isClean(long packed) {
        return (packed & -SELLING_REVOKED) == 0;
    }

    private static StandingFacts unpack(long packed) {
        long last = packed >>> LAST_SHIFT;
        return new StandingFacts(scoreOf(packed), initialScoreOf(packed),
                last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastViolationMillis(last))),
                sellingRevokedIn(packed), HeldSessions.NONE);
    }

    private static int scoreOf(long packed) {
        return (int) (packed & SCORE_MASK);
    }

    private static int initialScoreOf(long packed) {
        return (int) (packed >>> SCORE_BITS & SCORE_MASK);
    }

    private static boolean sellingRevokedIn(long packed) {
        return (packed & SELLING_REVOKED) != 0;
    }

    /** The epoch millisecond of a packed last violation (not zero: there is one). */
    private static long lastViolationMillis(long last) {
        return LAST_ORIGIN_MILLIS + last - 1;
    }

    /** Clean facts are shared: built once per initial score and score, racing builders agreeing. */
    private Optional<StandingFacts> clean(long packed) {
        int initial = initialScoreOf(packed);
        int score = scoreOf(packed);
        Optional<StandingFacts>[] byScore = cleanFacts[initial];
        if (byScore == null) {
            byScore = newOptionals();
            cleanFacts[initial] = byScore;
        }
        Optional<StandingFacts> facts = byScore[score];
        if (facts == null) {
            facts = Optional.of(unpack(packed));
            byScore[score] = facts;
        }
        return facts;
    }

    @SuppressWarnings("unchecked")
    private static Optional<StandingFacts>[][] newCleanFacts() {
        return new Optional[(int) SCORE_MASK + 1][];
    }

    @SuppressWarnings("unchecked")
    private static Optional<StandingFacts>[] newOptionals() {
        return new Optional[(int) SCORE_MASK + 1];
    }
}
