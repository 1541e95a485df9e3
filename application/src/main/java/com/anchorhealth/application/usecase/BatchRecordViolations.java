package com.anchorhealth.application.usecase;

import com.anchorhealth.application.command.RecordViolationCommand;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.InvalidRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records up to {@value #MAX_ITEMS} violations; each item succeeds or fails on its own, with the
 * same idempotency as a single call, and results come back in request order.
 */
public final class BatchRecordViolations {
    public static final int MAX_ITEMS = 1000;

    private final RecordViolation recordViolation;

    public BatchRecordViolations(RecordViolation recordViolation) {
        this.recordViolation = recordViolation;
    }

    /** One item's result: the violation, or why it was refused. */
    public record ItemResult(ViolationView violation, ApplicationException error) {
        public boolean succeeded() {
            return violation != null;
        }
    }

    /**
     * {@code items} build each command; a builder that throws {@link InvalidRequestException} fails
     * only its item, with field names prefixed by {@code requests[i].}. A database outage fails the
     * whole call, since every later item would fail the same way.
     */
    public List<ItemResult> recordAll(List<Supplier<RecordViolationCommand>> items, String actor) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw InvalidRequestException.of("requests", "must hold 1-" + MAX_ITEMS + " items");
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(recordOne(items.get(i), "requests[" + i + "].", actor));
        }
        return results;
    }

    private ItemResult recordOne(Supplier<RecordViolationCommand> item, String fieldPrefix, String actor) {
        try {
            return new ItemResult(recordViolation.record(item.get(), actor), null);
        } catch (InvalidRequestException e) {
            return new ItemResult(null, new InvalidRequestException(
                    e.violations().stream().map(v -> v.prefixed(fieldPrefix)).toList()));
        } catch (ApplicationException e) {
            return new ItemResult(null, e);
        }
    }
}
