package com.anchorhealth.adapter.web;

import com.anchorhealth.application.guild.ExplainedNotice;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoticeWordsTest {
    private static final Labels CHINESE = Labels.of(Labels.CHINESE, ZoneId.of("Asia/Shanghai"));
    private static final Labels ENGLISH = Labels.of(Labels.ENGLISH, ZoneId.of("Asia/Shanghai"));
    /** As the service publishes it, in English, which the gRPC API keeps giving. */
    private static final PublicNotice REMOVAL = new PublicNotice("n1", PublicNotice.GUILD_REMOVED, "guilds/stars", 44,
            Instant.EPOCH, "score 44 fell to the removal line of 50 after: member kai: MINOR_ENDANGERMENT");

    private static ExplainedNotice removedBy(GuildEvent charge, Optional<String> memberName,
                                             Optional<String> violationType) {
        return new ExplainedNotice(REMOVAL, Optional.of(new ExplainedNotice.Removal(50,
                new GuildLedgerEntry(charge, memberName, violationType))));
    }

    private static GuildEvent memberViolation() {
        return new GuildEvent("stars", 9, GuildEventKind.MEMBER_VIOLATION, -6, 44, Optional.of(new AnchorId("kai")),
                Optional.of("v7"), "member kai: MINOR_ENDANGERMENT", Instant.EPOCH, "moderation");
    }

    @Test
    void aRemovalByAMembersViolationIsToldFromItsFactsInTheVisitorsWords() {
        ExplainedNotice notice = removedBy(memberViolation(), Optional.of("Kai Zhou"), Optional.of("MINOR_ENDANGERMENT"));

        GuildLedgerWords.Cause chinese = NoticeWords.reason(CHINESE, notice);
        assertEquals("公会分数降至 44，达到 50 分的清退线，起因：成员 Kai Zhou（kai） 违规：危害未成年人", chinese.text());
        assertEquals("Kai Zhou（kai）", chinese.member());
        assertEquals(Optional.of("/anchors/kai"), chinese.memberHref());
        assertEquals("Score 44 fell to the removal line of 50 after: member Kai Zhou (kai): Minors endangered",
                NoticeWords.reason(ENGLISH, notice).text());
    }

    /** On the public page a visitor who may not open the anchor gets its id, unlinked, as in the ledger. */
    @Test
    void aMemberTheVisitorDoesNotSeeIsNamedByIdWithoutALink() {
        GuildLedgerWords.Cause cause = NoticeWords.reason(CHINESE, removedBy(memberViolation(), Optional.empty(),
                Optional.of("MINOR_ENDANGERMENT")));

        assertEquals("公会分数降至 44，达到 50 分的清退线，起因：成员 kai 违规：危害未成年人", cause.text());
        assertEquals(Optional.empty(), cause.memberHref());
    }

    @Test
    void aRemovalByTheGuildsOwnViolationGivesTheWordsItsModeratorWrote() {
        GuildEvent own = new GuildEvent("stars", 9, GuildEventKind.OWN_VIOLATION, -20, 44, Optional.empty(),
                Optional.empty(), "拖欠主播合同款", Instant.EPOCH, "guild-desk");

        assertEquals("公会分数降至 44，达到 50 分的清退线，起因：拖欠主播合同款",
                NoticeWords.reason(CHINESE, removedBy(own, Optional.empty(), Optional.empty())).text());
    }

    /** Without its facts (the ledger entry not found) a notice says what it was published with. */
    @Test
    void aNoticeWithoutFactsKeepsItsPublishedReason() {
        GuildLedgerWords.Cause cause = NoticeWords.reason(CHINESE, new ExplainedNotice(REMOVAL, Optional.empty()));

        assertEquals(REMOVAL.reason(), cause.text());
        assertEquals(Optional.empty(), cause.memberHref());
    }
}
