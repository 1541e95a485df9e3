package com.anchorhealth.domain.guild;

import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuildTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final GuildRules RULES = GuildRules.defaults();

    @ParameterizedTest(name = "{0}: own {1}, member {2}")
    @CsvSource({"MINOR, 2, 0", "MODERATE, 5, 0", "SERIOUS, 10, 1", "SEVERE, 20, 2"})
    void theDefaultPointsBySeverity(Severity severity, int own, int member) {
        assertEquals(own, RULES.ownPoints(severity));
        assertEquals(member, RULES.memberPoints(severity));
    }

    @ParameterizedTest(name = "{0} - {1} = {2}, removed: {3}")
    @CsvSource({"52, 2, 50, true", "53, 2, 51, false", "60, 20, 40, true", "5, 20, 0, true"})
    void aGuildAtOrBelowFiftyIsRemovedWithANotice(int score, int points, int after, boolean removed) {
        Guild guild = at(score);
        Guild.Deducted deducted = guild.deduct(points, GuildEventKind.OWN_VIOLATION, Optional.empty(), Optional.empty(),
                "fake followers", RULES, "n1", NOW, "guild-desk");
        assertEquals(after, deducted.guild().score());
        assertEquals(new GuildEvent("g1", 4, GuildEventKind.OWN_VIOLATION, -points, after, Optional.empty(),
                Optional.empty(), "fake followers", NOW, "guild-desk"), deducted.event());
        assertEquals(removed, deducted.removedNow());
        assertEquals(removed ? GuildStatus.REMOVED : GuildStatus.ACTIVE, deducted.guild().status());
        deducted.notice().ifPresent(notice -> {
            assertEquals("guilds/g1", notice.subject());
            assertEquals(after, notice.score());
            assertEquals(PublicNotice.GUILD_REMOVED, notice.kind());
        });
    }

    @Test
    void aRemovedGuildStaysRemovedAndIsNotNoticedTwice() {
        Guild removed = at(52).deduct(2, GuildEventKind.OWN_VIOLATION, Optional.empty(), Optional.empty(), "x", RULES,
                "n1", NOW, "guild-desk").guild();
        Guild.Deducted again = removed.deduct(2, GuildEventKind.MEMBER_VIOLATION, Optional.of(new AnchorId("mia")),
                Optional.of("v1"), "y", RULES, "n2", NOW, "moderation");
        assertFalse(again.removedNow());
        Guild.Deducted restored = again.guild().restore(2, new AnchorId("mia"), "v1", NOW, "appeals-desk");
        assertEquals(50, restored.guild().score());
        assertEquals(GuildStatus.REMOVED, restored.guild().status());
        assertEquals(GuildEventKind.RESTORATION, restored.event().kind());
        assertEquals("appeals-desk", restored.event().actor());
        assertTrue(restored.guild().removedAt().isPresent());
    }

    private static Guild at(int score) {
        return new Guild("g1", "Star Guild", 100, score, GuildStatus.ACTIVE, 3, NOW, Optional.empty());
    }
}
