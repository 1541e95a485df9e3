package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.anchor.LatestCounted;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recorded violations, keyed by anchor id and violation id. */
public interface Violations {
    void insert(RecordedViolation violation);

    /** Several violations in one statement. */
    void insertAll(List<RecordedViolation> violations);

    /**
     * The violations recorded by RecordViolation calls with these keys, found by their caller and
     * request id, in one round trip; keys that recorded none are absent.
     */
    Map<IdempotencyRecord.Key, KeptViolation> recordedBy(Collection<IdempotencyRecord.Key> keys);

    /** Moves a violation to another state (an overturn); its points stay as recorded. */
    void updateState(AnchorId anchorId, String violationId, ViolationState state);

    Optional<RecordedViolation> find(AnchorId anchorId, String violationId);

    /**
     * The anchor's violations in recording order (violation ids are time-ordered), each with the facts
     * its row keeps, in one read, forward or backward; keys are ids.
     */
    Page<ViolationWithFacts> list(AnchorId anchorId, PageRequest page);

    /** The newest {@code count} violations, in recording order, each with the facts its row keeps. */
    List<ViolationWithFacts> newest(AnchorId anchorId, int count);

    /**
     * The standing facts each of these violations of the anchor left right after it was recorded, in
     * one keyed read; a violation recorded before they were kept is absent.
     */
    Map<String, StandingFacts> factsAfter(AnchorId anchorId, List<String> violationIds);

    /**
     * For each of {@code wanted} (violations of the anchor), the facts of the violations that count
     * now and were recorded up to it (ledger sequence and recording time no later than its own).
     */
    List<CountedBefore> countedUpTo(AnchorId anchorId, List<RecordedViolation> wanted);

    /**
     * Among the anchor's violations that count, all but {@code overturned}: the latest recording and
     * occurrence times, and the latest recording time in its live session, in one statement.
     */
    LatestCounted latestCounted(RecordedViolation overturned);

    /** All of the anchor's violations in recording order. */
    List<RecordedViolation> listAll(AnchorId anchorId);
}
