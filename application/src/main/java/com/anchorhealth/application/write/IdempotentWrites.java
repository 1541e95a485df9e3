package com.anchorhealth.application.write;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.StoreConflictException;
import com.anchorhealth.application.port.out.Transactions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a mutating call writes. Its request id is unique per caller and method: the first call
 * does its work and remembers the key (with the resource it produced) in the same transaction; a
 * retry finds the key and answers from that resource; the same key with other content is refused.
 * Two first calls racing: the loser's key conflicts, its transaction rolls back whole and runs again,
 * and then finds the winner's key. The caller publishes to in-memory state after this returns, so
 * that nothing that rolled back is ever seen.
 */
@Singleton
public final class IdempotentWrites {
    private static final int ATTEMPTS = 3;

    private final Transactions transactions;
    private final IdempotencyKeys keys;
    private final Clock clock;

    @Inject
    public IdempotentWrites(Transactions transactions, IdempotencyKeys keys, Clock clock) {
        this.transactions = transactions;
        this.keys = keys;
        this.clock = clock;
    }

    /** A mutating call: who made it, which method, its request id and a fingerprint of its content. */
    public record Call(String caller, String operation, String requestId, String fingerprint) {
        public IdempotencyRecord.Key key() {
            return new IdempotencyRecord.Key(caller, operation, requestId);
        }
    }

    /** What a first call did: its result, and the name of the resource a retry finds it again by. */
    public record Done<T>(T result, String resourceName) {
    }

    /** The result of a write, and whether this call did the work (a retry did not). */
    public record Outcome<T>(T result, boolean firstTime) {
    }

    public <T> T write(Call call, Supplier<Done<T>> firstTime, Function<String, T> again) {
        return writeAndTell(call, firstTime, again).result();
    }

    public <T> Outcome<T> writeAndTell(Call call, Supplier<Done<T>> firstTime, Function<String, T> again) {
        return retryingConflicts(() -> transactions.inTransaction(() -> {
            var first = keys.find(call.key());
            if (first.isPresent()) {
                refuseOtherContent(call, first.get());
                return new Outcome<>(again.apply(first.get().resourceName()), false);
            }
            Done<T> done = firstTime.get();
            keys.insert(new IdempotencyRecord(call.requestId(), call.operation(), call.fingerprint(),
                    done.resourceName(), clock.instant(), call.caller()));
            return new Outcome<>(done.result(), true);
        }));
    }

    /** The same caller, method and request id with other content: refused, naming the first call's resource. */
    public static void refuseOtherContent(Call call, IdempotencyRecord first) {
        if (!first.fingerprint().equals(call.fingerprint())) {
            throw new AlreadyExistsException(AlreadyExistsException.REQUEST_ID_REUSED, first.resourceName(),
                    "request_id " + call.requestId() + " was already used by a different " + call.operation()
                            + " call");
        }
    }

    /** Runs the transaction again when it lost a race (a key or a lock), a bounded number of times. */
    public static <T> T retryingConflicts(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (StoreConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
