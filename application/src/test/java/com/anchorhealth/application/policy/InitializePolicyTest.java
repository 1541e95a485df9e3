package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.policy.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class InitializePolicyTest {
    private static final Instant NOW = Instant.parse("2024-03-01T08:00:00Z");

    @Mock
    private PolicyVersions versions;

    private final PolicyBook book = new PolicyBook();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private InitializePolicy initializePolicy() {
        return new InitializePolicy(versions, book, clock);
    }

    private static Policy defaultsAsVersion(long version) {
        Policy defaults = DefaultPolicy.candidate();
        return defaults.withVersion(version, defaults.effectiveAt());
    }

    @Test
    void anEmptyStoreGetsTheDefaultsAsVersionOne() {
        when(versions.all()).thenReturn(List.of()).thenReturn(List.of(defaultsAsVersion(1)));

        InitializePolicy.Outcome outcome = initializePolicy().initialize(Optional.empty());

        ArgumentCaptor<Policy> published = ArgumentCaptor.forClass(Policy.class);
        verify(versions).insert(published.capture(),
                eq(new PolicyPublication(NOW, InitializePolicy.FIRST_START_AUTHOR, "")));
        assertEquals(defaultsAsVersion(1), published.getValue());
        assertTrue(outcome.publishedFirstVersion());
        assertEquals(1, outcome.inForce().version());
        assertEquals(1, book.latestVersion());
    }

    @Test
    void aConfiguredPolicyIsPublishedInsteadOfTheDefaults() {
        Policy configured = DefaultPolicy.candidate();
        Policy stricter = new Policy(0, configured.effectiveAt(), 100, 120, configured.violationTypes(),
                configured.deductions(), configured.audienceSurcharges(), new Thresholds(50, 25, 5),
                configured.tierSanctions(), configured.phases(), 90, 5, 30, 30, GuildRules.defaults(),
                RecoveryRules.off());
        when(versions.all()).thenReturn(List.of())
                .thenReturn(List.of(stricter.withVersion(1, stricter.effectiveAt())));

        initializePolicy().initialize(Optional.of(stricter));

        ArgumentCaptor<Policy> published = ArgumentCaptor.forClass(Policy.class);
        verify(versions).insert(published.capture(), any());
        assertEquals(new Thresholds(50, 25, 5), published.getValue().thresholds());
        assertEquals(1, published.getValue().version());
    }

    @Test
    void aStoreWithVersionsIsLoadedAndNothingIsPublished() {
        Policy v2 = DefaultPolicy.candidate().withVersion(2, Instant.parse("2024-01-01T00:00:00Z"));
        when(versions.all()).thenReturn(List.of(defaultsAsVersion(1), v2));

        InitializePolicy.Outcome outcome = initializePolicy().initialize(Optional.empty());

        verify(versions, never()).insert(any(), any());
        assertFalse(outcome.publishedFirstVersion());
        assertEquals(2, outcome.inForce().version());
    }

    @Test
    void losingTheRaceToPublishLoadsTheWinnersVersion() {
        when(versions.all()).thenReturn(List.of()).thenReturn(List.of(defaultsAsVersion(1)));
        doThrow(new StoreConflictException("version 1 taken", null)).when(versions).insert(any(), any());

        InitializePolicy.Outcome outcome = initializePolicy().initialize(Optional.empty());

        assertFalse(outcome.publishedFirstVersion());
        assertEquals(1, outcome.inForce().version());
    }

    @Test
    void anInvalidConfiguredPolicyIsRefusedNamingItsProblemsAndNothingIsPublished() {
        Policy configured = DefaultPolicy.candidate();
        Policy invalid = new Policy(0, configured.effectiveAt(), 100, 120, configured.violationTypes(),
                configured.deductions(), configured.audienceSurcharges(), new Thresholds(40, 20, 0),
                configured.tierSanctions(), configured.phases(), 90, 5, 30, 30, GuildRules.defaults(),
                RecoveryRules.off());

        assertEquals(List.of("thresholds.revoked_below"),
                badFields(() -> initializePolicy().initialize(Optional.of(invalid))));
        verifyNoInteractions(versions);
        assertTrue(book.isEmpty());
    }
}
