package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.appeal.AppealState;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ListAppeals filter: {@code state = PENDING} (or UPHELD, OVERTURNED); empty for every state. */
record AppealListFilter(Optional<AppealState> state) {
    private static final Pattern STATE = Pattern.compile("\\s*state\\s*=\\s*\"?([A-Za-z_]+)\"?\\s*");
    private static final String SUPPORTED = "supported: state = PENDING|UPHELD|OVERTURNED";

    static AppealListFilter parse(String filter) {
        if (filter.isBlank()) {
            return new AppealListFilter(Optional.empty());
        }
        Matcher term = STATE.matcher(filter);
        if (!term.matches()) {
            throw InvalidRequestException.of("filter", "cannot read '" + filter.strip() + "'; " + SUPPORTED);
        }
        String value = term.group(1);
        return new AppealListFilter(Optional.of(Arrays.stream(AppealState.values())
                .filter(state -> state.name().equals(value)).findFirst()
                .orElseThrow(() -> InvalidRequestException.of("filter", "unknown state " + value + "; " + SUPPORTED))));
    }
}
