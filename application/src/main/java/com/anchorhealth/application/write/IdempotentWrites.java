package com.anchorhealth.application.write;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.ResponseSnapshots;
import com.anchorhealth.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a mutating call writes. Its request id is unique per caller and method: the first call
 * does its work and remembers the key, with the resource it produced and its response, in the same
 * transaction; a retry finds the key and answers with that response (AIP-155), whatever has happened
 * to the resource since; the same key with other content is refused. The key is read under the lock
 * of the resource the call changes, so a retry sent while its first call is still writing waits for
 * that commit and then finds its key. Two first calls racing where there is no row to lock yet: the
 * loser's insert conflicts, its transaction rolls back whole and runs again, and then finds the
 * winner's key. The caller publishes to in-memory state after this returns, so that nothing that
 * rolled back is ever seen.
 */
@Singleton
public final class IdempotentWrites {
    /** The first pause before a transaction runs again; each next one doubles, up to {@link #LONGEST_PAUSE}. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(400);
    /**
     * How many times a transaction whose connection was lost runs again: once reaches another node of a
     * cluster (a new connection avoids the node that failed); a database down altogether then answers
     * UNAVAILABLE promptly rather than at the caller's deadline.
     */
    private static final int CONNECTION_LOST_RERUNS = 1;
    /** Kept of the deadline for the answer itself: a call given up on answers UNAVAILABLE, not DEADLINE_EXCEEDED. */
    private static final Duration ANSWER_RESERVE = Duration.ofMillis(100);

    private final Transactions transactions;
    private final IdempotencyKeys keys;
    private final ResponseSnapshots snapshots;
    private final Clock clock;

    @Inject
    public IdempotentWrites(Transactions transactions, IdempotencyKeys keys, ResponseSnapshots snapshots,
                            Clock clock) {
        this.transactions = transactions;
        this.keys = keys;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * A mutating call: who made it, which method, its request id and a fingerprint of its content;
     * {@code earlierFingerprints} are the same content as an earlier version spelled it, as the keys
     * that version kept hold it.
     */
    public record Call(String caller, String operation, String requestId, String fingerprint,
                       Set<String> earlierFingerprints) {
        public Call {
            earlierFingerprints = Set.copyOf(earlierFingerprints);
        }

        public Call(String caller, String operation, String requestId, String fingerprint) {
            this(caller, operation, requestId, fingerprint, Set.of());
        }

        public IdempotencyRecord.Key key() {
            return new IdempotencyRecord.Key(caller, operation, requestId);
        }

        /** Whether a key kept with this fingerprint was kept by this call. */
        public boolean sameContentAs(String keptFingerprint) {
            return fingerprint.equals(keptFingerprint) || earlierFingerprints.contains(keptFingerprint);
        }
    }

    /** What a first call did: its response, and the name of the resource it produced. */
    public record Done<T>(T result, String resourceName) {
    }

    /** The result of a write, and whether this call did the work (a retry did not). */
    public record Outcome<T>(T result, boolean firstTime) {
    }

    /**
     * Takes {@code lock} (the rows the call changes, locked), then runs {@code firstTime} on what it
     * locked once per key and answers every retry with its response, a {@code type};
     * {@code keptWithoutResponse} answers a retry of a key kept before responses were (from the
     * resource it names) until such keys are pruned. Nothing is written after {@code deadline}.
     */
    public <L, T> T write(Call call, Deadline deadline, Class<T> type, Supplier<L> lock,
                          Function<L, Done<T>> firstTime, Function<String, T> keptWithoutResponse) {
        return writeAndTell(call, deadline, type, lock, firstTime, keptWithoutResponse).result();
    }

    public <L, T> Outcome<T> writeAndTell(Call call, Deadline deadline, Class<T> type, Supplier<L> lock,
                                          Function<L, Done<T>> firstTime, Function<String, T> keptWithoutResponse) {
        return retryingConflicts(deadline, () -> transactions.inTransaction(deadline, () -> {
            L locked = lock.get();
            // Read under the lock: a first call of this key that held it has committed by now.
            var first = keys.find(call.key());
            if (first.isPresent()) {
                return new Outcome<>(firstResponse(call, first.get(), type, keptWithoutResponse), false);
            }
            Done<T> done = firstTime.apply(locked);
            keys.insert(kept(call, done.resourceName(), done.result()));
            return new Outcome<>(done.result(), true);
        }));
    }

    /** The key a first call leaves, with its response. */
    IdempotencyRecord kept(Call call, String resourceName, Object response) {
        return new IdempotencyRecord(call.requestId(), call.operation(), call.fingerprint(), resourceName,
                clock.instant(), call.caller(), Optional.of(snapshots.snapshot(response)));
    }

    /** A retry's answer: the first call's response; a retry with other content is refused. */
    <T> T firstResponse(Call call, IdempotencyRecord first, Class<T> type,
                                Function<String, T> keptWithoutResponse) {
        refuseOtherContent(call, first);
        return first.firstResponse().map(snapshot -> snapshots.restore(snapshot, type))
                .orElseGet(() -> keptWithoutResponse.apply(first.resourceName()));
    }

    /** The same caller, method and request id with other content: refused, naming the first call's resource. */
    private static void refuseOtherContent(Call call, IdempotencyRecord first) {
        if (!call.sameContentAs(first.fingerprint())) {
            throw AlreadyExistsException.requestIdReused(call.requestId(), call.operation(), first.resourceName());
        }
    }

    /**
     * Runs the transaction again, whole, when it lost a race (a key, a lock, or on a Galera cluster a
     * certification conflict reported at COMMIT as a deadlock) or its connection was lost (a cluster
     * node died, is not synced yet, or was cut off: a new connection reaches another node). Each run
     * has what is left of the one deadline; between runs a pause that doubles, jittered so that
     * writers that conflicted do not meet again. When the deadline leaves no room for another run,
     * the call is answered {@link StoreUnavailableException} (UNAVAILABLE, to be retried later). A run
     * whose COMMIT was cut off may have committed: the run after it finds its request key, so nothing
     * is counted twice. A lost connection is tried again once (the store reports one so only where
     * another node may answer), and a pool that cannot hand out any connection not at all: every node
     * is down, and the caller hears so promptly.
     */
    public static <T> T retryingConflicts(Deadline deadline, Supplier<T> transaction) {
        return retryingConflicts(deadline, Integer.MAX_VALUE, transaction);
    }

    /**
     * {@link #retryingConflicts(Deadline, Supplier)}, but a transaction that lost {@code runs} races
     * throws the last {@link StoreConflictException}: a group of several callers' writes is then split
     * and each written alone, so that one contended anchor does not keep the others waiting.
     */
    public static <T> T retryingConflicts(Deadline deadline, int runs, Supplier<T> transaction) {
        Duration pause = FIRST_PAUSE;
        int connectionsLost = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (StoreConflictException | StoreUnavailableException e) {
                if (e instanceof StoreUnavailableException unavailable
                        && (!unavailable.connectionLost() || ++connectionsLost > CONNECTION_LOST_RERUNS)) {
                    throw e;
                }
                if (e instanceof StoreConflictException && attempt >= runs) {
                    throw e;
                }
                Duration jittered = pause.plusNanos(ThreadLocalRandom.current().nextLong(pause.toNanos() + 1));
                if (deadline.remaining().compareTo(jittered.plus(ANSWER_RESERVE)) < 0) {
                    throw new StoreUnavailableException("the transaction was run " + attempt + " times, each lost "
                            + "to a concurrent write or a failed database node, until the call's deadline", e);
                }
                sleep(jittered);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to run a transaction again", interrupted);
        }
    }
}
