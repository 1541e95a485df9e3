package com.anchorhealth.application.guild;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.application.write.ReportedTimes;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Severity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The commands of guild administration; valid by construction. */
public final class GuildCommands {
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private GuildCommands() {
    }

    private static FieldChecks checkGuildId(FieldChecks checks, String guildId, String field) {
        return checks.check(AnchorId.isValid(guildId), field, "must be 1-64 characters of [A-Za-z0-9._-]");
    }

    public record Create(String requestId, String guildId, String displayName) {
        public static Create of(String requestId, String guildId, String displayName) {
            checkGuildId(new FieldChecks().requestId(requestId, "request_id"), guildId, "guild_id")
                    .check(FieldChecks.isText(displayName, AnchorProfile.MAX_DISPLAY_NAME_LENGTH), "display_name",
                            "must be 1-" + AnchorProfile.MAX_DISPLAY_NAME_LENGTH + " characters, not blank")
                    .throwIfAny();
            return new Create(requestId, guildId, displayName);
        }

        public String fingerprint() {
            return Fingerprint.of("CreateGuild", guildId, displayName);
        }
    }

    /** Adds ({@code join}) or removes an anchor. */
    public record Membership(String requestId, String guildId, String anchorId, boolean join) {
        public static Membership of(String requestId, String guildId, String anchorId, boolean join) {
            checkGuildId(new FieldChecks().requestId(requestId, "request_id"), guildId, "guild")
                    .check(AnchorId.isValid(anchorId), "anchor_id", "must be 1-64 characters of [A-Za-z0-9._-]")
                    .throwIfAny();
            return new Membership(requestId, guildId, anchorId, join);
        }

        public String fingerprint() {
            return Fingerprint.of(join ? "AddGuildMember" : "RemoveGuildMember", guildId, anchorId);
        }
    }

    public record Violation(String requestId, String guildId, Severity severity, String description,
                            Optional<Instant> occurredAt) {
        public static Violation of(String requestId, String guildId, Severity severity, String description,
                                   Optional<Instant> occurredAt) {
            checkGuildId(new FieldChecks().requestId(requestId, "request_id"), guildId, "guild_id")
                    .check(severity != null, "severity", "must be MINOR, MODERATE, SERIOUS or SEVERE")
                    .check(FieldChecks.isText(description, MAX_DESCRIPTION_LENGTH), "description",
                            "must be 1-" + MAX_DESCRIPTION_LENGTH + " characters, not blank")
                    .check(occurredAt.map(at -> !at.isBefore(ReportedTimes.EARLIEST_OCCURRENCE)).orElse(true),
                            "occurred_at", "must not be before " + ReportedTimes.EARLIEST_OCCURRENCE)
                    .throwIfAny();
            return new Violation(requestId, guildId, severity, description,
                    occurredAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS)));
        }

        public String fingerprint() {
            return Fingerprint.of("RecordGuildViolation", guildId, severity.name(), description,
                    occurredAt.map(Instant::toString).orElse("now"));
        }
    }
}
