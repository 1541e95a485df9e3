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
    /** Stands for the charge while the sentence is formatted, to be cut around: no label contains it. */
    private static final String CHARGE = "\uFFFF";

    private NoticeWords() {
    }

    /** The reason, cut around the member its charge names, so that a page can link them as the ledger does. */
    public static GuildLedgerWords.Cause reason(Labels t, ExplainedNotice explained) {
        PublicNotice notice = explained.notice();
        return explained.removal().map(removal -> {
            GuildLedgerWords.Cause charge = GuildLedgerWords.cause(t, removal.charge());
            String sentence = t.t("notice-reason." + notice.kind(), t.number(notice.score()),
                    t.number(removal.removalLine()), CHARGE);
            int at = sentence.indexOf(CHARGE);
            if (at < 0) {
                return GuildLedgerWords.Cause.plain(sentence);
            }
            return new GuildLedgerWords.Cause(sentence.substring(0, at) + charge.before(), charge.member(),
                    charge.memberHref(), charge.after() + sentence.substring(at + CHARGE.length()));
        }).orElseGet(() -> GuildLedgerWords.Cause.plain(notice.reason()));
    }
}
