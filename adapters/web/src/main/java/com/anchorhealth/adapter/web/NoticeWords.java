package com.anchorhealth.adapter.web;

import com.anchorhealth.application.guild.ExplainedNotice;
import com.anchorhealth.domain.guild.PublicNotice;

/**
 * A public notice's reason in the visitor's words, told from its facts ("公会分数降至 44，触及清退线 50；
 * 起因：成员 Kai Zhou（kai） 违规：危害未成年人"), the charge that removed a guild told as its ledger tells it
 * ({@link GuildLedgerWords}). A notice whose facts are not found keeps the English reason it was
 * published with, which the gRPC API gives as it is.
 */
public final class NoticeWords {
    private NoticeWords() {
    }

    /** The reason, cut around the member its charge names, so that a page can link them as the ledger does. */
    public static GuildLedgerWords.Cause reason(Labels t, ExplainedNotice explained) {
        PublicNotice notice = explained.notice();
        return explained.removal().map(removal -> GuildLedgerWords.spliced(t.t("notice-reason." + notice.kind(),
                        t.number(notice.score()), t.number(removal.removalLine()), GuildLedgerWords.SLOT),
                        GuildLedgerWords.cause(t, removal.charge())))
                .orElseGet(() -> GuildLedgerWords.Cause.plain(notice.reason()));
    }
}
