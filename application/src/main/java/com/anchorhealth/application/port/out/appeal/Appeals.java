package com.anchorhealth.application.port.out.appeal;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Optional;

/** Appeals, one per violation, keyed like it. */
public interface Appeals {
    /** The appeal with its violation as stored now. */
    Optional<Appeal> find(AnchorId anchorId, String violationId);

    /**
     * Appeals with their violations, oldest filed first (ties in anchor and violation id order), read
     * forward or backward; page keys are opaque to callers.
     */
    Page<Appeal> list(AppealFilter filter, PageRequest page);

    /** How many appeals the filter holds, and how many of them come before the page key {@code before}. */
    ListCount count(AppealFilter filter, Optional<String> before);

    /** Throws {@link StoreConflictException} when the violation already has one. */
    void insert(Appeal appeal);

    /** Stores the decision of a pending appeal. */
    void updateDecision(Appeal decided);
}
