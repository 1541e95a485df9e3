package com.anchorhealth.application.violation;

import com.anchorhealth.application.fixtures.ViolationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RecordViolationCommandTest {
    private static final ViolationRequest VALID = ViolationRequest.valid();

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("empty request id", VALID.requestId(""), "request_id"),
                arguments("129-char request id", VALID.requestId("r".repeat(129)), "request_id"),
                arguments("request id with a control character", VALID.requestId("req\u00071"), "request_id"),
                arguments("request id with a newline", VALID.requestId("req-1\n"), "request_id"),
                arguments("empty anchor id", VALID.anchorId(""), "anchor_id"),
                arguments("malformed anchor id", VALID.anchorId("anchor 1"), "anchor_id"),
                arguments("65-char anchor id", VALID.anchorId("a".repeat(65)), "anchor_id"),
                arguments("lower-case violation type", VALID.type("harassment"), "violation_type"),
                arguments("violation type with a space", VALID.type("HATE SPEECH"), "violation_type"),
                arguments("empty violation type", VALID.type(""), "violation_type"),
                arguments("occurred before 2000", VALID.occurredAt(Instant.parse("1999-12-31T23:59:59.999Z")),
                        "occurred_at"),
                arguments("129-char live session", VALID.session("s".repeat(129)), "live_session_id"),
                arguments("empty source", VALID.source(""), "source"),
                arguments("129-char source", VALID.source("s".repeat(129)), "source"),
                arguments("21 evidence refs", VALID.evidence(Collections.nCopies(21, "evidence/x")), "evidence_refs"),
                arguments("blank evidence ref", VALID.evidence(List.of("evidence/1", " ")), "evidence_refs[1]"),
                arguments("513-char evidence ref", VALID.evidence(List.of("e".repeat(513))), "evidence_refs[0]"));
    }

    @ParameterizedTest(name = "{0} is refused on {2}")
    @MethodSource("badRequests")
    void eachBadFieldIsNamedAsInTheApi(String description, ViolationRequest request, String field) {
        assertEquals(List.of(field), badFields(request::command));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        ViolationRequest request = VALID.requestId("").anchorId("a".repeat(65)).type("nope")
                .occurredAt(Instant.parse("1970-01-01T00:00:00Z")).source("");

        assertEquals(List.of("request_id", "anchor_id", "violation_type", "occurred_at", "source"),
                badFields(request::command));
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        RecordViolationCommand command = VALID.requestId("r".repeat(128)).anchorId("a".repeat(64))
                .occurredAt(Instant.parse("2000-01-01T00:00:00Z")).session("s".repeat(128)).source("s".repeat(128))
                .evidence(Collections.nCopies(20, "e".repeat(512))).command();

        assertEquals(128, command.requestId().length());
        assertEquals(20, command.evidenceRefs().size());
    }

    @Test
    void anEmptySessionMeansNoSessionAndOccurrencesKeepMilliseconds() {
        RecordViolationCommand command = VALID.session("").occurredAt(Instant.parse("2024-03-01T08:00:00.123456Z"))
                .command();

        assertEquals(Optional.empty(), command.liveSessionId());
        assertEquals(Optional.of(Instant.parse("2024-03-01T08:00:00.123Z")), command.occurredAt());
    }

    @Test
    void theFingerprintTellsARetryFromADifferentCall() {
        String first = VALID.command().fingerprint();

        assertEquals(first, VALID.command().fingerprint());
        assertNotEquals(first, VALID.type("VULGAR_LANGUAGE").command().fingerprint());
        assertNotEquals(first, VALID.anchorId("anchor-2").command().fingerprint());
        assertNotEquals(first, VALID.session("live-1").command().fingerprint());
        assertNotEquals(first, VALID.occurredAt(Instant.parse("2024-03-01T08:00:00Z")).command().fingerprint());
        assertNotEquals(first, VALID.evidence(List.of("evidence/clip-2")).command().fingerprint());
        assertEquals(first, VALID.requestId("req-other").command().fingerprint(), "the request id is the key, not content");
    }
}
