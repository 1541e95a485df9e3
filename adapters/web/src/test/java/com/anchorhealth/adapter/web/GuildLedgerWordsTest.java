package com.anchorhealth.adapter.web;

import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GuildLedgerWordsTest {
    private static final Labels CHINESE = Labels.of(Labels.CHINESE, ZoneId.of("Asia/Shanghai"));
    private static final Labels ENGLISH = Labels.of(Labels.ENGLISH, ZoneId.of("Asia/Shanghai"));

    /** Stored with the English description the service has always written, which the console does not show. */
    private static GuildEvent memberViolation() {
        return new GuildEvent("stars", 3, GuildEventKind.MEMBER_VIOLATION, -2, 98, Optional.of(new AnchorId("kai")),
                Optional.of("v7"), "member kai: MINOR_ENDANGERMENT", Instant.EPOCH, "moderation");
    }

    @Test
    void aMembersViolationNamesTheMemberAndTheViolationTypeInTheVisitorsWords() {
        GuildLedgerEntry entry = new GuildLedgerEntry(memberViolation(), Optional.of("Kai Zhou"),
                Optional.of("MINOR_ENDANGERMENT"));

        GuildLedgerWords.Cause chinese = GuildLedgerWords.cause(CHINESE, entry);
        assertEquals("成员 Kai Zhou（kai） 违规：危害未成年人", chinese.text());
        assertEquals("Kai Zhou（kai）", chinese.member());
        assertEquals(Optional.of("/anchors/kai"), chinese.memberHref());
        assertEquals("member Kai Zhou (kai): Minors endangered", GuildLedgerWords.cause(ENGLISH, entry).text());
    }

    /** A visitor who no longer sees the anchor (a guild manager, once it left the guild) gets its id, unlinked. */
    @Test
    void aMemberTheVisitorDoesNotSeeIsNamedByIdWithoutALink() {
        GuildLedgerWords.Cause cause = GuildLedgerWords.cause(CHINESE, new GuildLedgerEntry(memberViolation(),
                Optional.empty(), Optional.of("MINOR_ENDANGERMENT")));

        assertEquals("成员 kai 违规：危害未成年人", cause.text());
        assertEquals(Optional.empty(), cause.memberHref());
    }

    @Test
    void aGuildsOwnViolationIsToldInTheWordsItsModeratorWrote() {
        GuildEvent own = new GuildEvent("stars", 4, GuildEventKind.OWN_VIOLATION, -20, 78, Optional.empty(),
                Optional.empty(), "拖欠主播合同款", Instant.EPOCH, "guild-desk");

        assertEquals("拖欠主播合同款", GuildLedgerWords.cause(CHINESE, new GuildLedgerEntry(own, Optional.empty(),
                Optional.empty())).text());
    }

    /** Every kind the service writes, stored with its English description, is told in words in both languages. */
    @Test
    void everyKindTheServiceWritesHasWordsInBothLanguages() {
        AnchorId kai = new AnchorId("kai");
        List<GuildLedgerEntry> stored = List.of(
                new GuildEvent("stars", 1, GuildEventKind.INITIAL, 100, 100, Optional.empty(), Optional.empty(),
                        "created", Instant.EPOCH, "ops"),
                memberViolation(),
                new GuildEvent("stars", 5, GuildEventKind.RESTORATION, 2, 80, Optional.of(kai), Optional.of("v7"),
                        "violation overturned on appeal", Instant.EPOCH, "ops"),
                new GuildEvent("stars", 6, GuildEventKind.MEMBER_JOINED, 0, 80, Optional.of(kai), Optional.empty(),
                        "kai joined", Instant.EPOCH, "ops"),
                new GuildEvent("stars", 7, GuildEventKind.MEMBER_RELEASED, 0, 80, Optional.of(kai), Optional.empty(),
                        "kai released", Instant.EPOCH, "ops")).stream()
                .map(event -> new GuildLedgerEntry(event, Optional.of("Kai Zhou"),
                        event.violationId().map(id -> "MINOR_ENDANGERMENT")))
                .toList();
        assertEquals(GuildEventKind.values().length - 1, stored.size(), "all but a guild's own violation");

        assertEquals(List.of("公会创建，初始分数 100", "成员 Kai Zhou（kai） 违规：危害未成年人",
                        "成员 Kai Zhou（kai） 的违规（危害未成年人）经申诉撤销，扣分退回", "Kai Zhou（kai） 加入公会",
                        "Kai Zhou（kai） 与公会解约"),
                stored.stream().map(entry -> GuildLedgerWords.cause(CHINESE, entry).text()).toList());
        assertEquals(List.of("created at 100 points", "member Kai Zhou (kai): Minors endangered",
                        "member Kai Zhou (kai): Minors endangered, overturned on appeal", "Kai Zhou (kai) joined",
                        "Kai Zhou (kai) released"),
                stored.stream().map(entry -> GuildLedgerWords.cause(ENGLISH, entry).text()).toList());
    }
}
