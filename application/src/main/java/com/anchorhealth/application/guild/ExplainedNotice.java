package com.anchorhealth.application.guild;

import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.PublicNotice;

import java.util.Objects;
import java.util.Optional;

/**
 * A public notice with the facts that tell its reason in a reader's words, rather than the English
 * text it was published with (which the API gives as it is): for a guild's removal, the removal line
 * the guild fell to and the ledger entry whose charge made it fall. No facts where none are found: then
 * the published reason is all there is.
 */
public record ExplainedNotice(PublicNotice notice, Optional<Removal> removal) {
    public ExplainedNotice {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(removal, "removal");
    }

    /** The guild's score fell to {@code notice.score()}, at or below {@code removalLine}, after {@code charge}. */
    public record Removal(int removalLine, GuildLedgerEntry charge) {
        public Removal {
            Objects.requireNonNull(charge, "charge");
        }
    }
}
