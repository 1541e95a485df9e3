package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.write.AnchorWriter.ItemResult;
import com.anchorhealth.application.write.AnchorWriter.Request;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class BatchRecordViolationsTest {
    private final Ports ports = Ports.enforced();
    private final BatchRecordViolations batch = ports.batchRecordViolations();

    BatchRecordViolationsTest() {
        ports.given(StoredAnchors.anchor("anchor-1").record());
        ports.given(StoredAnchors.anchor("anchor-2").record());
    }

    /** A caller that waits for its answer. */
    private static final BooleanSupplier STAYING = () -> false;

    private static Supplier<RecordViolationCommand> item(ViolationRequest request) {
        return request::command;
    }

    @ParameterizedTest(name = "{0} items are refused")
    @ValueSource(ints = {0, 1001})
    void aBatchHoldsOneToOneThousandItems(int size) {
        List<Supplier<RecordViolationCommand>> items =
                Collections.nCopies(size, item(ViolationRequest.valid()));

        assertEquals(List.of("requests"), badFields(() -> batch.recordAll(items, ACTOR, Ports.ANY_DEADLINE, STAYING)));
        ports.verifyNothingWritten();
    }

    @Test
    void oneThousandItemsAreAcceptedAndEachIsJudgedAlone() {
        List<Supplier<RecordViolationCommand>> items =
                Collections.nCopies(1000, item(ViolationRequest.valid().source("")));

        List<ItemResult<ViolationView>> results = batch.recordAll(items, ACTOR, Ports.ANY_DEADLINE, STAYING);

        assertEquals(1000, results.size());
        assertTrue(results.stream().noneMatch(ItemResult::succeeded));
    }

    @Test
    void anItemWhoseWriteFailsIsWrittenAloneAndFailsOnlyItself() {
        IllegalStateException tooLong = new IllegalStateException("data too long for column");
        doThrow(tooLong).when(ports.changes).writeLast(argThat(written -> written.violations().stream()
                .anyMatch(recorded -> recorded.violation().requestId().equals("req-1"))), any());
        ViolationRequest valid = ViolationRequest.valid();

        List<ItemResult<ViolationView>> results = batch.recordAll(List.of(item(valid.requestId("req-0")),
                item(valid.requestId("req-1").anchorId("anchor-2")), item(valid.requestId("req-2"))), ACTOR,
                Ports.ANY_DEADLINE, STAYING);

        assertEquals(List.of(true, false, true), results.stream().map(ItemResult::succeeded).toList());
        assertEquals(tooLong, results.get(1).error());
        verify(ports.violations, times(2)).insert(any());
    }

    @Test
    void aBatchWhoseCallerHasGoneWritesNothing() {
        List<ItemResult<ViolationView>> results = batch.recordAll(List.of(item(ViolationRequest.valid())), ACTOR,
                Ports.ANY_DEADLINE, () -> true);

        assertInstanceOf(DeadlineExceededException.class, results.get(0).error());
        ports.verifyNothingWritten();
    }

    @Test
    void anItemWhoseAnchorIsHeldElsewhereIsWrittenLastOnceItsLockIsHad() {
        ports.heldElsewhere(new AnchorId("anchor-2"));
        ViolationRequest valid = ViolationRequest.valid();
        ports.atCommit(() -> ports.releasedElsewhere(new AnchorId("anchor-2")));

        List<ItemResult<ViolationView>> results = batch.recordAll(List.of(item(valid.requestId("req-0").anchorId(
                "anchor-2")), item(valid.requestId("req-1"))), ACTOR, Ports.ANY_DEADLINE, STAYING);

        assertTrue(results.stream().allMatch(ItemResult::succeeded));
        ArgumentCaptor<AnchorChanges.Written> written = ArgumentCaptor.forClass(AnchorChanges.Written.class);
        verify(ports.changes, times(2)).writeLast(written.capture(), any());
        assertEquals(List.of("req-1", "req-0"), written.getAllValues().stream()
                .map(group -> group.violations().get(0).violation().requestId()).toList());
    }

    @Test
    void aBadItemFailsAloneWithItsFieldsPrefixedByItsIndex() {
        ViolationRequest valid = ViolationRequest.valid();
        List<Supplier<RecordViolationCommand>> items = List.of(
                item(valid.requestId("req-0")),
                item(valid.requestId("req-1").source("").anchorId("bad id")),
                item(valid.requestId("req-2").type("NOT_IN_THE_CATALOG")),
                item(valid.requestId("req-3").anchorId("anchor-404")),
                item(valid.requestId("req-4").anchorId("anchor-2")));

        List<ItemResult<ViolationView>> results = batch.recordAll(items, ACTOR, Ports.ANY_DEADLINE, STAYING);

        assertEquals(List.of(true, false, false, false, true),
                results.stream().map(ItemResult::succeeded).toList());
        assertEquals(List.of("requests[1].anchor_id", "requests[1].source"), fields(results.get(1)));
        assertEquals(List.of("requests[2].violation_type"), fields(results.get(2)));
        assertInstanceOf(NotFoundException.class, results.get(3).error());
        assertEquals("req-0", results.get(0).answer().violation().requestId());
        assertEquals("req-4", results.get(4).answer().violation().requestId());
        assertEquals("anchor-2", results.get(4).answer().violation().anchorId().value());
        verify(ports.changes).writeLast(argThat(written -> written.violations().size() == 2), any());
    }

    @Test
    void newItemsAreWrittenTogetherAndARepeatedRequestIdIsAnsweredAsARetry() {
        ViolationRequest valid = ViolationRequest.valid();
        List<ItemResult<ViolationView>> results = batch.recordAll(List.of(
                item(valid.requestId("req-a").anchorId("anchor-1")),
                item(valid.requestId("req-b").anchorId("anchor-2")),
                item(valid.requestId("req-c").anchorId("anchor-1")),
                item(valid.requestId("req-a").anchorId("anchor-1").type("PORNOGRAPHY"))), ACTOR, Ports.ANY_DEADLINE, STAYING);

        assertEquals(List.of(true, true, true, false),
                results.stream().map(ItemResult::succeeded).toList());
        assertInstanceOf(AlreadyExistsException.class, results.get(3).error(), "same id, other content");
        verify(ports.changes).writeLast(argThat(written -> written.violations().size() == 3
                && written.entries().size() == 3 && written.standings().size() == 2),
                any());
        verify(ports.transactions).inTransaction(any(), any());
        verify(ports.metrics, times(3)).violationsRecorded(argThat(recorded -> recorded.size() == 1));
        int firstOfAnchorOne = results.get(0).answer().standingAfter().score();
        assertEquals(firstOfAnchorOne - (100 - firstOfAnchorOne), results.get(2).answer().standingAfter().score(),
                "the second violation of anchor-1 deducts from the first one's result");
    }

    @Test
    void resultsComeBackInRequestOrder() {
        List<ItemResult<ViolationView>> results = batch.recordAll(List.of(
                item(ViolationRequest.valid().requestId("req-b").anchorId("anchor-2")),
                item(ViolationRequest.valid().requestId("req-a").anchorId("anchor-1"))), ACTOR, Ports.ANY_DEADLINE, STAYING);

        assertEquals(List.of("req-b", "req-a"),
                results.stream().map(result -> result.answer().violation().requestId()).toList());
        assertFalse(results.stream().anyMatch(result -> result.error() != null));
    }

    @Test
    void aLargeBatchIsWrittenInPartsThatKeepEachAnchorsOrderAndAnswerInRequestOrder() {
        List<Supplier<RecordViolationCommand>> items = new ArrayList<>();
        for (int i = 0; i < BatchRecordViolations.PARTS_FROM; i++) {
            items.add(item(ViolationRequest.valid().requestId("req-" + i).anchorId("anchor-" + (1 + i % 2))));
        }

        List<ItemResult<ViolationView>> results = batch.recordAll(items, ACTOR, Ports.ANY_DEADLINE, STAYING);

        verify(ports.transactions, times(BatchRecordViolations.PARTS)).inTransaction(any(), any());
        for (int i = 0; i < results.size(); i++) {
            assertEquals("req-" + i, results.get(i).answer().violation().requestId());
        }
        int deduction = 100 - results.get(0).answer().standingAfter().score();
        for (int i = 0; i < results.size(); i++) {
            int nthOfItsAnchor = i / 2 + 1;
            assertEquals(Math.max(0, 100 - deduction * nthOfItsAnchor), results.get(i).answer().standingAfter().score(),
                    "each violation deducts after its anchor's previous one");
        }
    }

    @Test
    void aBatchBelowThePartsThresholdIsOneTransaction() {
        List<Supplier<RecordViolationCommand>> items = new ArrayList<>();
        for (int i = 0; i < BatchRecordViolations.PARTS_FROM - 1; i++) {
            items.add(item(ViolationRequest.valid().requestId("req-" + i).anchorId("anchor-" + (1 + i % 2))));
        }

        batch.recordAll(items, ACTOR, Ports.ANY_DEADLINE, STAYING);

        verify(ports.transactions).inTransaction(any(), any());
    }

    /** Each row: the requests as anchor/request id, then the parts as positions. */
    static Stream<Arguments> partsKeepTogetherWhatSharesAnAnchorOrAKey() {
        return Stream.of(
                Arguments.of(List.of("a/1", "b/2", "c/3", "d/4"), List.of(List.of(0, 2), List.of(1, 3))),
                Arguments.of(List.of("a/1", "a/2", "a/3"), List.of(List.of(0, 1, 2))),
                Arguments.of(List.of("a/1", "b/2", "c/1", "b/4"), List.of(List.of(0, 2), List.of(1, 3))),
                Arguments.of(List.of("a/1", "b/2", "c/3", "d/4", "b/1"), List.of(List.of(0, 1, 2, 4), List.of(3))),
                Arguments.of(List.of("a/1", "b/2", "c/2", "d/4", "c/5", "a/5"), List.of(List.of(0, 1, 2, 4, 5), List.of(3))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void partsKeepTogetherWhatSharesAnAnchorOrAKey(List<String> requests, List<List<Integer>> parts) {
        ViolationWrites violations = ports.violationWrites();
        assertEquals(parts, BatchRecordViolations.parts(requests.stream().map(request -> new Request<>(
                violations.of(ViolationRequest.valid().anchorId("anchor-" + request.split("/")[0])
                        .requestId("req-" + request.split("/")[1]).command(), ACTOR), STAYING)).toList()));
    }

    private static List<String> fields(ItemResult<ViolationView> result) {
        return ((InvalidRequestException) result.error()).violations().stream().map(FieldViolation::field).toList();
    }
}
