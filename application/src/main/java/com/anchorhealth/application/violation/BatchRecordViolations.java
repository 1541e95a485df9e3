package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records up to {@value #MAX_ITEMS} violations in one transaction; each item succeeds or fails on its
 * own, with the same idempotency and answers as a single call, and results come back in request order.
 */
@Singleton
public final class BatchRecordViolations {
    public static final int MAX_ITEMS = 1000;

    private final ViolationWriter writer;

    @Inject
    public BatchRecordViolations(ViolationWriter writer) {
        this.writer = writer;
    }

    /**
     * {@code items} build each command; a builder that throws {@link InvalidRequestException} fails
     * only its item, with field names prefixed by {@code requests[i].}. A database outage fails the
     * whole call, since every later item would fail the same way. No statement outlives {@code patience}.
     */
    public List<ViolationWriter.ItemResult> recordAll(List<Supplier<RecordViolationCommand>> items, String actor,
                                                      Duration patience) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw InvalidRequestException.of("requests", "must hold 1-" + MAX_ITEMS + " items");
        }
        ViolationWriter.ItemResult[] results = new ViolationWriter.ItemResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<ViolationWriter.Request> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                requests.add(new ViolationWriter.Request(items.get(i).get(), actor));
                valid.add(i);
            } catch (InvalidRequestException e) {
                results[i] = new ViolationWriter.ItemResult(null, e);
            }
        }
        if (!requests.isEmpty()) {
            List<ViolationWriter.ItemResult> recorded = writer.recordEach(requests, patience);
            for (int k = 0; k < valid.size(); k++) {
                results[valid.get(k)] = recorded.get(k);
            }
        }
        for (int i = 0; i < results.length; i++) {
            results[i] = prefixed(results[i], i);
        }
        return Arrays.asList(results);
    }

    /** A batch item's field names are prefixed by its index: {@code requests[i].}. */
    private static ViolationWriter.ItemResult prefixed(ViolationWriter.ItemResult result, int index) {
        if (result.error() instanceof InvalidRequestException invalid) {
            return new ViolationWriter.ItemResult(null, new InvalidRequestException(invalid.violations().stream()
                    .map(v -> v.prefixed("requests[" + index + "].")).toList()));
        }
        return result;
    }
}
