package com.anchorhealth.application.violation;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.write.AnchorWrite;
import com.anchorhealth.application.write.AnchorWriter;
import com.anchorhealth.application.write.AnchorWriter.ItemResult;
import com.anchorhealth.application.write.AnchorWriter.Request;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Records up to {@value #MAX_ITEMS} violations; each item succeeds or fails on its own, with the same
 * idempotency and answers as a single call, and results come back in request order. A large batch is
 * written as {@value #PARTS} transactions at once: while the database works on one part, this server
 * prices and binds the other, where a single transaction would leave each to wait for the other.
 */
@Singleton
public final class BatchRecordViolations {
    public static final int MAX_ITEMS = 1000;
    /** Names the executor that writes a batch's parts beside the calling thread. */
    public static final String PART_WRITERS = "batch-part-writers";
    /** Transactions a large batch is written in. */
    static final int PARTS = 2;
    /** Valid items from which a batch is written in parts: below it, a part's round trips cost more than they save. */
    static final int PARTS_FROM = 200;

    private final AnchorWriter writer;
    private final ViolationWrites violations;
    private final Executor partWriters;

    @Inject
    public BatchRecordViolations(AnchorWriter writer, ViolationWrites violations,
                                 @Named(PART_WRITERS) Executor partWriters) {
        this.writer = writer;
        this.violations = violations;
        this.partWriters = partWriters;
    }

    /**
     * {@code items} build each command; a builder that throws {@link InvalidRequestException} fails
     * only its item, with field names prefixed by {@code requests[i].}. A database outage fails the
     * whole call, since every later item would fail the same way. No statement outlives {@code deadline};
     * once {@code callerGone}, no item not yet written is written.
     */
    public List<ItemResult<ViolationView>> recordAll(List<Supplier<RecordViolationCommand>> items, String actor,
                                                      Deadline deadline, BooleanSupplier callerGone) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw InvalidRequestException.of("requests", "must hold 1-" + MAX_ITEMS + " items");
        }
        ItemResult<ViolationView>[] results = resultsOf(items.size());
        List<Integer> valid = new ArrayList<>();
        List<Request<ViolationView>> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                requests.add(new Request<>(violations.of(items.get(i).get(), actor), callerGone));
                valid.add(i);
            } catch (InvalidRequestException e) {
                results[i] = new ItemResult<>(null, e);
            }
        }
        if (!requests.isEmpty()) {
            List<ItemResult<ViolationView>> recorded = requests.size() < PARTS_FROM
                    ? writer.writeEach(requests, deadline, Locking.SKIP_HELD) : recordInParts(requests, deadline);
            for (int k = 0; k < valid.size(); k++) {
                results[valid.get(k)] = recorded.get(k);
            }
            recordHeld(results, valid, requests, deadline);
        }
        for (int i = 0; i < results.length; i++) {
            results[i] = prefixed(results[i], i);
        }
        return Arrays.asList(results);
    }

    /**
     * The items whose anchor another transaction held, written last, waiting for their locks: the rest
     * of the batch has committed meanwhile.
     */
    private void recordHeld(ItemResult<ViolationView>[] results, List<Integer> valid,
                            List<Request<ViolationView>> requests, Deadline deadline) {
        List<Integer> held = new ArrayList<>();
        for (int k = 0; k < valid.size(); k++) {
            if (results[valid.get(k)].held()) {
                held.add(k);
            }
        }
        if (!held.isEmpty()) {
            List<ItemResult<ViolationView>> recorded = writer.writeEach(at(requests, held), deadline, Locking.WAIT);
            for (int h = 0; h < held.size(); h++) {
                results[valid.get(held.get(h))] = recorded.get(h);
            }
        }
    }

    /**
     * Writes the parts at once, the first on the calling thread, and answers when all have ended. Items
     * are independent, so the parts commit apart; a database failure in any fails the call, and a
     * retry answers what the others committed as their first results.
     */
    private List<ItemResult<ViolationView>> recordInParts(List<Request<ViolationView>> requests,
                                                         Deadline deadline) {
        List<List<Integer>> parts = parts(requests);
        List<CompletableFuture<List<ItemResult<ViolationView>>>> written = new ArrayList<>();
        for (List<Integer> part : parts.subList(1, parts.size())) {
            written.add(CompletableFuture.supplyAsync(() -> writer.writeEach(at(requests, part), deadline,
                    Locking.SKIP_HELD), partWriters));
        }
        List<List<ItemResult<ViolationView>>> answers = new ArrayList<>();
        RuntimeException failure = null;
        try {
            answers.add(writer.writeEach(at(requests, parts.get(0)), deadline, Locking.SKIP_HELD));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<List<ItemResult<ViolationView>>> part : written) {
            try {
                answers.add(part.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        ItemResult<ViolationView>[] results = resultsOf(requests.size());
        for (int p = 0; p < parts.size(); p++) {
            for (int k = 0; k < parts.get(p).size(); k++) {
                results[parts.get(p).get(k)] = answers.get(p).get(k);
            }
        }
        return Arrays.asList(results);
    }

    /**
     * Positions of the requests in each part, in request order, and no part empty. Requests that name
     * the same anchor, or the same request key, share a part: an anchor's ledger follows request order,
     * and of two requests with one key the first must be the one recorded.
     */
    static List<List<Integer>> parts(List<Request<ViolationView>> requests) {
        int[] joinedTo = new int[requests.size()];
        Map<Object, Integer> firstWith = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            joinedTo[i] = i;
            AnchorWrite<? extends ViolationView> change = requests.get(i).change();
            for (Object tie : List.of(change.anchorId(), change.call().orElseThrow().key())) {
                Integer earlier = firstWith.putIfAbsent(tie, i);
                if (earlier != null) {
                    int one = root(joinedTo, i);
                    int other = root(joinedTo, earlier);
                    joinedTo[Math.max(one, other)] = Math.min(one, other);
                }
            }
        }
        List<List<Integer>> parts = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < requests.size(); i++) {
            // A request's root is the first request of its set, which spreads lone requests evenly.
            parts.get(root(joinedTo, i) % PARTS).add(i);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }

    private static int root(int[] joinedTo, int position) {
        int root = position;
        while (joinedTo[root] != root) {
            root = joinedTo[root];
        }
        return root;
    }

    private static List<Request<ViolationView>> at(List<Request<ViolationView>> requests, List<Integer> positions) {
        return positions.stream().map(requests::get).toList();
    }

    @SuppressWarnings("unchecked")
    private static ItemResult<ViolationView>[] resultsOf(int size) {
        return new ItemResult[size];
    }

    /** A batch item's field names are prefixed by its index: {@code requests[i].}. */
    private static ItemResult<ViolationView> prefixed(ItemResult<ViolationView> result, int index) {
        if (result.error() instanceof InvalidRequestException invalid) {
            return new ItemResult<>(null, new InvalidRequestException(invalid.violations().stream()
                    .map(v -> v.prefixed("requests[" + index + "].")).toList()));
        }
        return result;
    }
}
