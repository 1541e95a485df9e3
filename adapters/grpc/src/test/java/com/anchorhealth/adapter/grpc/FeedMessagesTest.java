package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.feed.WatchedChange;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.domain.sanction.ThresholdWarning;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeedMessagesTest {

    @Test
    void aCursorNamesThePositionToResumeAfterAndEmptyMeansFromNow() {
        assertEquals(Optional.of(12345L), FeedMessages.afterPosition(FeedMessages.cursor(12345)));
        assertEquals(Optional.of(0L), FeedMessages.afterPosition(FeedMessages.cursor(0)));
        assertEquals(Optional.empty(), FeedMessages.afterPosition(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f1:", "f1:-1", "f2:12", "f1:abc", "12"})
    void aForeignCursorIsRefusedNamingTheField(String payload) {
        String cursor = Base64.getUrlEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        assertRefused(cursor);
    }

    @Test
    void aCursorThatIsNotBase64IsRefused() {
        assertRefused("not base64!");
    }

    private static void assertRefused(String cursor) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> FeedMessages.afterPosition(cursor));
        assertEquals("after_cursor", error.violations().get(0).field());
    }

    @ParameterizedTest
    @EnumSource(ChangeCause.class)
    void everyCauseHasItsApiValue(ChangeCause cause) {
        assertEquals(cause.name(), Messages.protoEnum(cause, StandingChange.Cause.class).name());
    }

    @Test
    void aChangeCarriesItsCursorViolationNameDeniedCapabilitiesAndWarning() {
        var change = new com.anchorhealth.application.port.out.feed.StandingChange("c1", new AnchorId("mia"), 6, 42, 38,
                com.anchorhealth.domain.vocabulary.Tier.NORMAL, com.anchorhealth.domain.vocabulary.Tier.RESTRICTED,
                Set.of(Capability.PK, Capability.LIVE_RECOMMENDATION), ChangeCause.VIOLATION_RECORDED,
                Optional.of("v9"), Instant.ofEpochSecond(1_700_000_000, 5_000_000));
        StandingChange message = FeedMessages.standingChange(new WatchedChange(77, change, Optional.of(
                new ThresholdWarning(com.anchorhealth.domain.vocabulary.Tier.SEVERELY_RESTRICTED, 20, 18))));

        assertEquals(Optional.of(77L), FeedMessages.afterPosition(message.getCursor()));
        assertEquals("anchors/mia/violations/v9", message.getViolation());
        assertEquals(List.of(com.anchorhealth.api.v1.Capability.LIVE_RECOMMENDATION, com.anchorhealth.api.v1.Capability.PK),
                message.getDeniedCapabilitiesList());
        assertEquals(StandingChange.Cause.VIOLATION_RECORDED, message.getCause());
        assertEquals(Tier.RESTRICTED, message.getNewTier());
        assertEquals(Tier.SEVERELY_RESTRICTED, message.getWarning().getNextTierDown());
        assertEquals(18, message.getWarning().getPointsToNextThreshold());
        assertEquals(5_000_000, message.getChangeTime().getNanos());
    }
}
