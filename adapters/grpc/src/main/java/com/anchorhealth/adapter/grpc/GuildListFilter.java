package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.guild.GuildStatus;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ListGuilds filter: {@code status = REMOVED AND score <= 60}; terms optional, score
 * comparisons narrow the range [minScore, maxScore].
 */
record GuildListFilter(Optional<GuildStatus> status, int minScore, int maxScore) {
    private static final Pattern STATUS = Pattern.compile("\\s*status\\s*=\\s*\"?([A-Z_]+)\"?\\s*");
    private static final Pattern SCORE = Pattern.compile("\\s*score\\s*(<=|>=|<|>|=)\\s*(-?\\d{1,9})\\s*");
    private static final String SUPPORTED = "supported: status = ACTIVE|REMOVED and score (=, <, <=, >, >=) N,"
            + " joined by AND";

    static GuildListFilter parse(String filter) {
        Optional<GuildStatus> status = Optional.empty();
        int min = Integer.MIN_VALUE;
        int max = Integer.MAX_VALUE;
        if (filter.isBlank()) {
            return new GuildListFilter(status, min, max);
        }
        for (String term : filter.split("(?i)\\s+AND\\s+")) {
            Matcher statusTerm = STATUS.matcher(term);
            Matcher scoreTerm = SCORE.matcher(term);
            if (statusTerm.matches()) {
                String value = statusTerm.group(1);
                status = Optional.of(Arrays.stream(GuildStatus.values()).filter(s -> s.name().equals(value))
                        .findFirst().orElseThrow(() -> InvalidRequestException.of("filter",
                                "unknown status " + value + "; " + SUPPORTED)));
            } else if (scoreTerm.matches()) {
                int bound = Integer.parseInt(scoreTerm.group(2));
                switch (scoreTerm.group(1)) {
                    case "=" -> {
                        min = Math.max(min, bound);
                        max = Math.min(max, bound);
                    }
                    case "<" -> max = Math.min(max, bound - 1);
                    case "<=" -> max = Math.min(max, bound);
                    case ">" -> min = Math.max(min, bound + 1);
                    default -> min = Math.max(min, bound);
                }
            } else {
                throw InvalidRequestException.of("filter", "cannot read '" + term.strip() + "'; " + SUPPORTED);
            }
        }
        return new GuildListFilter(status, min, max);
    }
}
