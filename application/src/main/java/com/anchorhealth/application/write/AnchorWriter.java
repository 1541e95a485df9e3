package com.anchorhealth.application.write;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The one write path of every change to an anchor: a group of requests (a single call, a batch,
 * concurrent calls sharing a commit, a recovery run) in one transaction. Their anchors are locked at
 * once in id order, then the guilds they name in id order, without waiting for those another
 * transaction holds when the caller says so (their requests answer {@link ItemResult#held}); each other
 * request is then answered in request order, as a single call would be: the change is applied to the
 * anchor as the requests before it left it, a retry gets its first answer, a reused request id or a
 * bad request is refused; then the ledger, the violations, the anchors' standings and the request keys
 * are written, each table in one statement, and the standing index learns the new state after commit.
 */
@Singleton
public final class AnchorWriter {
    /** How many times a group of several requests runs before it is split into requests written alone. */
    static final int GROUP_RUNS = 3;

    private final Transactions transactions;
    private final AnchorChanges changes;
    private final Violations violations;
    private final IdempotencyKeys keys;
    private final IdempotentWrites idempotentWrites;
    private final Guilds guilds;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final ChangesPublishedHere publishedHere;
    private final CommitSignal commits;
    private final Clock clock;

    @Inject
    public AnchorWriter(Transactions transactions, AnchorChanges changes, Violations violations, IdempotencyKeys keys,
                        IdempotentWrites idempotentWrites, Guilds guilds, PolicyBook policies,
                        StandingIndex index, ChangesPublishedHere publishedHere, CommitSignal commits, Clock clock) {
        this.transactions = transactions;
        this.changes = changes;
        this.violations = violations;
        this.keys = keys;
        this.idempotentWrites = idempotentWrites;
        this.guilds = guilds;
        this.policies = policies;
        this.index = index;
        this.publishedHere = publishedHere;
        this.commits = commits;
        this.clock = clock;
    }

    /** A change to write, and whether its caller has stopped waiting (it is then not written). */
    public record Request<T>(AnchorWrite<? extends T> change, BooleanSupplier abandoned) {
        /** A change whose caller waits for it whatever happens (a scheduled job). */
        public static <T> Request<T> awaited(AnchorWrite<? extends T> change) {
            return new Request<>(change, () -> false);
        }
    }

    /**
     * One request's result: its answer, or why it was refused, or neither when another transaction held
     * its anchor or guild and nothing was written for it ({@link #held}).
     */
    public record ItemResult<T>(T answer, RuntimeException error) {
        public static <T> ItemResult<T> heldElsewhere() {
            return new ItemResult<>(null, null);
        }

        public boolean succeeded() {
            return answer != null;
        }

        public boolean held() {
            return answer == null && error == null;
        }
    }

    /**
     * Answers each request in order. A database outage, or the deadline, fails them all (nothing was
     * written); any other failure of the shared transaction is one request's own, so each is then
     * written alone and only that one fails. No statement outlives {@code deadline}, across retries.
     * With {@link Locking#SKIP_HELD} nothing waits for a lock: requests whose anchor another
     * transaction holds answer {@link ItemResult#held}.
     */
    public <T> List<ItemResult<T>> writeEach(List<Request<T>> requests, Deadline deadline, Locking locking) {
        Group<T> group;
        AtomicBoolean firstRun = new AtomicBoolean(true);
        try {
            // A group that keeps losing races is split (below): only a single request waits out its deadline.
            group = IdempotentWrites.retryingConflicts(deadline, requests.size() == 1 ? Integer.MAX_VALUE : GROUP_RUNS,
                    () -> transactions.inTransaction(deadline, () -> write(requests, locking,
                            !firstRun.getAndSet(false))));
        } catch (StoreUnavailableException | StoreTimeoutException sharedFate) {
            throw sharedFate;
        } catch (RuntimeException failed) {
            if (requests.size() == 1) {
                throw failed;
            }
            return requests.stream().map(request -> alone(request, deadline, locking)).toList();
        }
        publish(group);
        return Arrays.asList(group.results);
    }

    /** {@link #writeEach} of one change, waiting for its anchor's lock: its answer, or its refusal thrown. */
    public <T> T writeAlone(AnchorWrite<T> change, Deadline deadline) {
        ItemResult<T> result = writeEach(List.of(Request.<T>awaited(change)), deadline, Locking.WAIT).get(0);
        if (!result.succeeded()) {
            throw result.error();
        }
        return result.answer();
    }

    private <T> ItemResult<T> alone(Request<T> request, Deadline deadline, Locking locking) {
        try {
            return writeEach(List.of(request), deadline, locking).get(0);
        } catch (StoreUnavailableException | StoreTimeoutException sharedFate) {
            throw sharedFate;
        } catch (RuntimeException failed) {
            return new ItemResult<>(null, failed);
        }
    }

    /** Once the group has committed: checks see each changed anchor, the feed's relay wakes, metrics count. */
    private void publish(Group<?> group) {
        group.newest.values().forEach(anchor -> index.publish(anchor.anchorId(), anchor.score().ledgerSequence(),
                anchor.facts()));
        publishedHere.add(group.positioned);
        if (!group.positioned.isEmpty()) {
            commits.committed();
        }
        group.onCommit.forEach(Runnable::run);
    }

    /** What one transaction decided: every request's result, each changed anchor's newest state, and what it writes. */
    private static final class Group<T> {
        final ItemResult<T>[] results;
        final String[] resources;
        final Map<AnchorId, AnchorRecord> current;
        final Map<AnchorId, Anchor> newest = new LinkedHashMap<>();
        final List<ScoreEvent> entries = new ArrayList<>();
        final List<StandingChange> standingChanges = new ArrayList<>();
        final List<NewViolation> newViolations = new ArrayList<>();
        final List<IdempotencyRecord> keptResponses = new ArrayList<>();
        final List<Runnable> onCommit = new ArrayList<>();
        List<PositionedChange> positioned = List.of();

        @SuppressWarnings("unchecked")
        Group(int size, Map<AnchorId, AnchorRecord> locked) {
            results = new ItemResult[size];
            resources = new String[size];
            current = new HashMap<>(locked);
        }

        /** Takes in what {@code applied} did to {@code anchorId}, so that each next request follows it. */
        void add(int position, AnchorId anchorId, Applied<? extends T> applied, Instant now) {
            results[position] = new ItemResult<>(applied.answer(), null);
            resources[position] = applied.resourceName();
            applied.violation().ifPresent(newViolations::add);
            applied.entry().ifPresent(entries::add);
            applied.after().ifPresent(after -> {
                // A change that appends nothing and changes no check (a profile's) is written by its own statement.
                if (applied.entry().isPresent() || applied.standingChange().isPresent()) {
                    newest.put(anchorId, after);
                }
                AnchorRecord before = current.get(anchorId);
                current.put(anchorId, new AnchorRecord(after, before != null ? before.createdAt() : now, now));
            });
            applied.standingChange().ifPresent(standingChanges::add);
            onCommit.add(applied.onCommit());
        }

        AnchorChanges.Written written() {
            return new AnchorChanges.Written(newViolations, entries, List.copyOf(newest.values()), standingChanges);
        }
    }

    /**
     * {@code readKeys}: whether the violations' keys are read before they are written. The first run
     * does not read them: a violation is its own key, unique per caller and request id, so a request
     * whose key was taken (a retry, mostly) fails the write as a conflict, and the run after it reads
     * them. Retries are rare; a read of every group's keys cost each group a statement and a round trip.
     */
    private <T> Group<T> write(List<Request<T>> requests, Locking locking, boolean readKeys) {
        TreeSet<AnchorId> anchorIds = new TreeSet<>(Comparator.comparing(AnchorId::value));
        requests.forEach(request -> anchorIds.add(request.change().anchorId()));
        AnchorChanges.Locked locked = changes.lockAll(anchorIds, locking);
        // Read once the anchors are locked: a group that waited for a lock is recorded after the one it waited for.
        Instant now = clock.instant();
        WriteTerms terms = new WriteTerms(now, policies.inForceAt(now));
        Group<T> group = new Group<>(requests.size(), locked.rows());
        Set<AnchorId> held = new HashSet<>(locked.held());
        held.addAll(anchorsOfHeldGuilds(requests, locked, terms, locking));
        // Read under the locks: a concurrent call with one of these keys has committed by now.
        KeptKeys kept = keptKeys(requests, readKeys);
        Map<IdempotencyRecord.Key, Integer> firstOfKey = new HashMap<>();
        Set<IdempotencyRecord.Key> heldKeys = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            int position = i;
            Request<T> request = requests.get(i);
            AnchorWrite<? extends T> change = request.change();
            AnchorId anchorId = change.anchorId();
            Optional<IdempotencyRecord.Key> key = change.call().map(IdempotentWrites.Call::key);
            if (held.contains(anchorId) || key.filter(heldKeys::contains).isPresent()) {
                // Its key's first use waits with it, so that a repeat is never written ahead of its first.
                key.ifPresent(heldKeys::add);
                group.results[i] = ItemResult.heldElsewhere();
                continue;
            }
            Integer earlier = key.map(k -> firstOfKey.putIfAbsent(k, position)).orElse(null);
            try {
                Optional<? extends T> first;
                if (request.abandoned().getAsBoolean()) {
                    throw new DeadlineExceededException("the caller stopped waiting before the change was written; "
                            + "a retry with the same request_id makes it at most once");
                } else if (earlier != null) {
                    group.results[i] = repeatOf(group, earlier, requests.get(earlier).change(), change);
                } else if ((first = change.firstAnswer(kept)).isPresent()) {
                    group.results[i] = new ItemResult<>(first.get(), null);
                } else {
                    Applied<? extends T> applied = change.apply(Optional.ofNullable(group.current.get(anchorId)),
                            terms);
                    group.add(i, anchorId, applied, terms.now());
                    if (!change.keyIsItsViolation()) {
                        change.call().ifPresent(call -> group.keptResponses.add(idempotentWrites.kept(call,
                                applied.resourceName(), applied.answer())));
                    }
                }
            } catch (ApplicationException refused) {
                group.results[i] = new ItemResult<>(null, refused);
            }
        }
        if (!group.keptResponses.isEmpty()) {
            keys.insertAll(group.keptResponses);
        }
        if (!group.entries.isEmpty() || !group.newest.isEmpty() || !group.newViolations.isEmpty()) {
            group.positioned = changes.writeLast(group.written(), terms.now());
        }
        return group;
    }

    /** A key sent twice in one group: answered as the second of two calls in a row would be. */
    private static <T> ItemResult<T> repeatOf(Group<T> group, int first, AnchorWrite<?> firstChange,
                                              AnchorWrite<?> repeat) {
        IdempotentWrites.Call call = repeat.call().orElseThrow();
        if (!call.sameContentAs(firstChange.call().orElseThrow().fingerprint())) {
            throw AlreadyExistsException.requestIdReused(call.requestId(), call.operation(),
                    group.resources[first] != null ? group.resources[first] : AnchorNames.anchor(repeat.anchorId()));
        }
        return group.results[first];
    }

    /**
     * The group's keys as taken: the violations' in one statement, and only when {@code readViolations};
     * any other's when its request asks, every run (those calls are few, and a change that is a retry's
     * is then never applied).
     */
    private <T> KeptKeys keptKeys(List<Request<T>> requests, boolean readViolations) {
        Map<IdempotencyRecord.Key, KeptViolation> recorded = readViolations ? violations.recordedBy(requests.stream()
                .map(Request::change).filter(AnchorWrite::keyIsItsViolation)
                .flatMap(change -> change.call().stream()).map(IdempotentWrites.Call::key).distinct().toList())
                : Map.of();
        return new KeptKeys() {
            @Override
            public Optional<KeptViolation> violation(IdempotencyRecord.Key key) {
                return Optional.ofNullable(recorded.get(key));
            }

            @Override
            public <A> Optional<A> response(IdempotentWrites.Call call, Class<A> type,
                                            Function<String, A> keptWithoutResponse) {
                return keys.find(call.key()).map(first -> idempotentWrites.firstResponse(call, first, type,
                        keptWithoutResponse));
            }
        };
    }

    /**
     * Locks the guilds that the group's changes name, after its anchors, and answers the anchors whose
     * guild another transaction holds: their requests wait with that guild's writer.
     */
    private <T> Set<AnchorId> anchorsOfHeldGuilds(List<Request<T>> requests, AnchorChanges.Locked locked,
                                                  WriteTerms terms, Locking locking) {
        Map<String, Set<AnchorId>> anchorsOfGuild = new HashMap<>();
        for (Request<T> request : requests) {
            AnchorId anchorId = request.change().anchorId();
            request.change().guildsToLock(Optional.ofNullable(locked.rows().get(anchorId)), terms).forEach(guildId ->
                    anchorsOfGuild.computeIfAbsent(guildId, id -> new HashSet<>()).add(anchorId));
        }
        Set<AnchorId> waiting = new HashSet<>();
        if (!anchorsOfGuild.isEmpty()) {
            guilds.lockAll(anchorsOfGuild.keySet(), locking).forEach(guildId ->
                    waiting.addAll(anchorsOfGuild.get(guildId)));
        }
        return waiting;
    }
}
