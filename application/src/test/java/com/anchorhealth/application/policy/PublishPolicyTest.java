package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.fixtures.KeptResponses;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.policy.Thresholds;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.function.Supplier;

import static com.anchorhealth.application.fixtures.Ports.ANY_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class PublishPolicyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Policy FIRST = DefaultPolicy.candidate().withVersion(1, Instant.parse("2023-09-06T16:00:00Z"));

    @Mock
    private Transactions transactions;
    @Mock
    private PolicyVersions versions;
    @Mock
    private IdempotencyKeys keys;
    @Mock
    private PolicyCodec codec;

    private final PolicyBook book = new PolicyBook();
    private PublishPolicy publish;

    @BeforeEach
    void wire() {
        lenient().when(transactions.inTransaction(any(), any()))
                .thenAnswer(call -> ((Supplier<?>) call.getArgument(1)).get());
        lenient().when(codec.encode(any())).thenAnswer(call -> call.getArgument(0).toString());
        book.load(List.of(FIRST));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        publish = new PublishPolicy(versions, new IdempotentWrites(transactions, keys, new KeptResponses(), clock), codec,
                book, clock);
    }

    @Test
    void aValidCandidateBecomesTheNextVersionInForceFromNow() {
        when(versions.all()).thenReturn(List.of(FIRST));
        Policy published = publish.publish(PublishPolicyCommand.of("p-1", strict(), Optional.empty(),
                "  stricter thresholds after the May review\n"), "admin", ANY_DEADLINE);

        assertEquals(2, published.version());
        assertEquals(NOW, published.effectiveAt());
        verify(versions).insert(published, new PolicyPublication(NOW, "admin", "stricter thresholds after the May review"));
        ArgumentCaptor<IdempotencyRecord> key = ArgumentCaptor.forClass(IdempotencyRecord.class);
        verify(keys).insert(key.capture());
        assertEquals("policies/2", key.getValue().resourceName());
        assertEquals(published, book.inForceAt(NOW));
    }

    @Test
    void aRetryOfAKeyKeptWithoutItsResponseReturnsTheFirstVersionAndPublishesNothing() {
        PublishPolicyCommand command = PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "");
        Policy first = strict().withVersion(2, NOW);
        String fingerprint = command.fingerprint(codec.encode(strict().withVersion(0, Instant.EPOCH)));
        when(keys.find(new IdempotencyRecord.Key("admin", "PublishPolicy", "p-1"))).thenReturn(Optional.of(new IdempotencyRecord("p-1", "PublishPolicy", fingerprint,
                "policies/2", NOW, "admin", Optional.empty())));
        when(versions.all()).thenReturn(List.of(FIRST, first));

        assertEquals(first, publish.publish(command, "admin", ANY_DEADLINE));
        verify(versions, never()).insert(any(), any());
    }

    @Test
    void aNoteIsPartOfTheCallButANoteOfControlCharactersIsRefused() {
        String document = "the candidate";
        assertEquals(PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "").fingerprint(document),
                PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "  ").fingerprint(document));
        assertNotEquals(PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "").fingerprint(document),
                PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "why").fingerprint(document));
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> PublishPolicyCommand.of("p-1", strict(), Optional.empty(), "a\u0000b"));
        assertEquals("note", error.violations().get(0).field());
        assertEquals("x".repeat(PublishPolicyCommand.MAX_NOTE_LENGTH), PublishPolicyCommand.of("p-1", strict(),
                Optional.empty(), "x".repeat(PublishPolicyCommand.MAX_NOTE_LENGTH)).note());
    }

    @Test
    void anInvalidCandidateIsRefusedWithItsFields() {
        Policy unordered = strict().withVersion(0, NOW);
        Policy bad = new Policy(0, NOW, unordered.initialScore(), unordered.certifiedInitialScore(),
                unordered.violationTypes(), unordered.deductions(), unordered.audienceSurcharges(),
                new Thresholds(20, 40, 1), unordered.tierSanctions(), unordered.phases(), 90, 5, 30, 30, GuildRules.defaults(),
                RecoveryRules.off());
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> PublishPolicyCommand.of("p-1", bad, Optional.empty(), ""));
        assertEquals("policy.thresholds.restricted_below", error.violations().get(0).field());
    }

    @Test
    void anInstantInThePastIsRefusedAndNothingIsWritten() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> publish.publish(
                PublishPolicyCommand.of("p-1", strict(), Optional.of(NOW.minusSeconds(1)), ""), "admin", ANY_DEADLINE));
        assertEquals("effective_at", error.violations().get(0).field());
        verify(versions, never()).insert(any(), any());
        verify(keys, never()).insert(any());
    }

    private static Policy strict() {
        Policy defaults = DefaultPolicy.candidate();
        return new Policy(0, defaults.effectiveAt(), defaults.initialScore(), defaults.certifiedInitialScore(),
                defaults.violationTypes(), defaults.deductions(), defaults.audienceSurcharges(),
                new Thresholds(90, 50, 1), defaults.tierSanctions(), defaults.phases(), 90, 5, 30, 30, GuildRules.defaults(),
                RecoveryRules.off());
    }
}
