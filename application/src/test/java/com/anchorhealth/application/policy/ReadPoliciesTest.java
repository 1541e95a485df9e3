package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ReadPoliciesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final PolicyBook book = new PolicyBook();
    private final PolicyVersions store = mock(PolicyVersions.class);
    private final ReadPolicies read = new ReadPolicies(book, store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void versionZeroIsTheOneInForceNow() {
        Policy first = DefaultPolicy.candidate().withVersion(1, Instant.parse("2023-09-06T16:00:00Z"));
        Policy second = DefaultPolicy.candidate().withVersion(2, NOW.minusSeconds(1));
        Policy future = DefaultPolicy.candidate().withVersion(3, NOW.plusSeconds(60));
        book.load(List.of(first, second, future));

        assertEquals(second, read.get(0));
        assertEquals(future, read.get(3));
        assertThrows(NotFoundException.class, () -> read.get(4));
    }

    @Test
    void aVersionIsReadWithItsAuthorAndNote() {
        book.load(List.of(DefaultPolicy.candidate().withVersion(1, NOW.minusSeconds(100)),
                DefaultPolicy.candidate().withVersion(2, NOW.plusSeconds(10))));
        PolicyPublication second = new PolicyPublication(NOW, "policy-desk", "stricter from June");
        when(store.publications()).thenReturn(Map.of(1L, new PolicyPublication(NOW, "server", ""), 2L, second));

        ReadPolicies.VersionView inForce = read.published(0);
        assertEquals(1, inForce.policy().version());
        assertTrue(inForce.inForce());
        assertEquals("server", inForce.publication().author());
        ReadPolicies.VersionView next = read.published(2);
        assertFalse(next.inForce());
        assertEquals(second, next.publication());
        assertEquals(List.of("server", "policy-desk"), read.versions(PageRequest.first(10)).items().stream()
                .map(view -> view.publication().author()).toList());
    }

    @Test
    void versionsPageInPublicationOrderMarkingTheOneInForce() {
        book.load(List.of(
                DefaultPolicy.candidate().withVersion(1, NOW.minusSeconds(100)),
                DefaultPolicy.candidate().withVersion(2, NOW.minusSeconds(10)),
                DefaultPolicy.candidate().withVersion(3, NOW.plusSeconds(10))));

        Page<ReadPolicies.VersionView> first = read.versions(PageRequest.first(2));
        assertEquals(List.of(1L, 2L), first.items().stream().map(v -> v.policy().version()).toList());
        assertEquals(List.of(false, true), first.items().stream().map(ReadPolicies.VersionView::inForce).toList());
        assertEquals(Optional.of("2"), first.nextAfter());

        Page<ReadPolicies.VersionView> last = read.versions(new PageRequest(2, first.nextAfter()));
        assertEquals(List.of(3L), last.items().stream().map(v -> v.policy().version()).toList());
        assertEquals(Optional.empty(), last.nextAfter());
    }
}
