package com.anchorhealth.application.appeal;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.appeal.AppealFilter;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ReadAppealsTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final AnchorId ZOE = new AnchorId("zoe");

    private final Ports ports = Ports.enforced();
    private final ReadAppeals readAppeals = new ReadAppeals(ports.appeals, ports.anchors, ports.policies, ports.index,
            ports.clock);

    @Test
    void theQueueListsThePendingAppealsOfEveryAnchorEachWithItsStandingNow() {
        ports.given(StoredAnchors.anchor("mia").score(35, 2).record());
        ports.given(StoredAnchors.anchor("zoe").record());
        when(ports.anchors.findAll(List.of(MIA, ZOE))).thenReturn(List.of(
                StoredAnchors.anchor("mia").score(35, 2).record(), StoredAnchors.anchor("zoe").record()));
        PageRequest page = PageRequest.first(2);
        AppealFilter pending = new AppealFilter(Optional.empty(), Optional.of(AppealState.PENDING), Optional.empty());
        when(ports.appeals.list(pending, page)).thenReturn(new Page<>(List.of(pendingOf(MIA, "v1"), pendingOf(ZOE, "v2")),
                Optional.of("next")));

        Page<AppealView> found = readAppeals.list(Scope.EVERY_GUILD, Optional.empty(), Optional.of(AppealState.PENDING), page);

        assertEquals(List.of("v1", "v2"), found.items().stream().map(view -> view.appeal().violation().violationId())
                .toList());
        assertEquals(List.of(Tier.RESTRICTED, Tier.NORMAL), found.items().stream()
                .map(view -> view.standingAfter().tier()).toList());
        assertEquals(Optional.of("next"), found.nextAfter());
    }

    @Test
    void anUnknownAnchorOrAppealIsNotFound() {
        assertEquals("anchors/mia", assertThrows(NotFoundException.class, () -> readAppeals.list(Scope.EVERY_GUILD, Optional.of(MIA),
                Optional.empty(), PageRequest.first(10))).resourceName());
        verify(ports.appeals, never()).list(any(), any());
        assertEquals("anchors/mia/violations/v9/appeal", assertThrows(NotFoundException.class,
                () -> readAppeals.get(Scope.EVERY_GUILD, MIA, "v9")).resourceName());
    }

    private Appeal pendingOf(AnchorId anchorId, String violationId) {
        RecordedViolation violation = new RecordedViolation(violationId, "req-" + violationId, new ViolationReport(
                anchorId, "VULGAR_LANGUAGE", ports.now(), Optional.empty(), "moderation", List.of("clip-1")),
                Severity.MINOR, false, ports.now(), 1, 0, 1, 1, ViolationState.ACTIVE, Optional.empty(), 2);
        return new Appeal(violation, "not me", ports.now(), "mia", AppealState.PENDING, Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
