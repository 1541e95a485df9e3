package com.anchorhealth.adapter.web;

import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Optional;

/**
 * The cause of a guild ledger entry in the visitor's words, told from the entry's kind, member and
 * violation type ("成员 Kai Zhou（kai） 违规：危害未成年人"), never from the English description the
 * service stores with it (which the gRPC API still gives), so that entries stored before the console
 * spoke Chinese read the same. A guild's own violation is told in the words its moderator wrote.
 */
public final class GuildLedgerWords {
    /** Stands for what a sentence names while it is formatted, to be cut around: no label contains it. */
    static final String SLOT = "\uFFFF";

    private GuildLedgerWords() {
    }

    /**
     * A cause cut around the member it names, so that a page can link the member ({@code memberHref}
     * is empty when the visitor may not open the anchor's page, or when the cause names no member).
     */
    public record Cause(String before, String member, Optional<String> memberHref, String after) {
        static Cause plain(String text) {
            return new Cause(text, "", Optional.empty(), "");
        }

        /** The cause as one text, as an export writes it. */
        public String text() {
            return before + member + after;
        }
    }

    public static Cause cause(Labels t, GuildLedgerEntry entry) {
        GuildEvent event = entry.event();
        return switch (event.kind()) {
            case OWN_VIOLATION -> Cause.plain(event.description());
            case INITIAL -> Cause.plain(t.t("guild-cause.INITIAL", event.scoreAfter()));
            case MEMBER_VIOLATION, RESTORATION, MEMBER_JOINED, MEMBER_RELEASED -> event.anchorId()
                    .map(member -> aboutMember(t, entry, member)).orElseGet(() -> Cause.plain(event.description()));
        };
    }

    /**
     * The member by name and id where the visitor sees the anchor (and then with a link to it), by id
     * alone where not; the violation by its type's words, or by its id should its row be missing.
     */
    private static Cause aboutMember(Labels t, GuildLedgerEntry entry, AnchorId member) {
        GuildEvent event = entry.event();
        String violation = entry.violationType().map(t::violationType).or(event::violationId).orElse("");
        String words = entry.memberName().map(name -> t.t("guild-cause.member", name, member.value()))
                .orElse(member.value());
        return spliced(t.t("guild-cause." + event.kind().name(), SLOT, violation), new Cause("", words,
                entry.memberName().map(name -> "/anchors/" + Console.encode(member.value())), ""));
    }

    /** {@code sentence} with {@code named} where its {@link #SLOT} is, the member {@code named} names kept apart. */
    static Cause spliced(String sentence, Cause named) {
        int at = sentence.indexOf(SLOT);
        if (at < 0) {
            return Cause.plain(sentence);
        }
        return new Cause(sentence.substring(0, at) + named.before(), named.member(), named.memberHref(),
                named.after() + sentence.substring(at + SLOT.length()));
    }
}
