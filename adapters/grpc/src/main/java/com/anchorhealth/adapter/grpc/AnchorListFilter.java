package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ListAnchors filter: {@code tier = RESTRICTED AND guild_id = "g-1"}, either term optional. */
record AnchorListFilter(Optional<Tier> tier, Optional<String> guildId) {
    private static final Pattern TERM = Pattern.compile("\\s*(tier|guild_id)\\s*=\\s*\"?([A-Za-z0-9._-]+)\"?\\s*");
    private static final String SUPPORTED = "supported: tier = NORMAL|RESTRICTED|SEVERELY_RESTRICTED|REVOKED"
            + " and guild_id = \"id\", joined by AND";

    static AnchorListFilter parse(String filter) {
        Optional<Tier> tier = Optional.empty();
        Optional<String> guild = Optional.empty();
        if (filter.isBlank()) {
            return new AnchorListFilter(tier, guild);
        }
        for (String term : filter.split("(?i)\\s+AND\\s+")) {
            Matcher matcher = TERM.matcher(term);
            if (!matcher.matches()) {
                throw InvalidRequestException.of("filter", "cannot read '" + term.strip() + "'; " + SUPPORTED);
            }
            String value = matcher.group(2);
            if (matcher.group(1).equals("tier")) {
                tier = Optional.of(Arrays.stream(Tier.values()).filter(t -> t.name().equals(value)).findFirst()
                        .orElseThrow(() -> InvalidRequestException.of("filter", "unknown tier " + value + "; "
                                + SUPPORTED)));
            } else {
                if (!AnchorId.isValid(value)) {
                    throw InvalidRequestException.of("filter", "guild_id must be 1-64 characters of [A-Za-z0-9._-]");
                }
                guild = Optional.of(value);
            }
        }
        return new AnchorListFilter(tier, guild);
    }
}
