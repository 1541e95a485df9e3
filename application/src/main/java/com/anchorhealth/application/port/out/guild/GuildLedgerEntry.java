package com.anchorhealth.application.port.out.guild;

import com.anchorhealth.domain.guild.GuildEvent;

import java.util.Objects;
import java.util.Optional;

/**
 * A guild ledger entry with what a reader needs to tell its cause in words, read beside it rather than
 * from its English description: the member's display name now (only where the reader sees that
 * anchor, whose page is then theirs to open) and the type of the member's violation.
 */
public record GuildLedgerEntry(GuildEvent event, Optional<String> memberName, Optional<String> violationType) {
    public GuildLedgerEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(violationType, "violationType");
    }
}
