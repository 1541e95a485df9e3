package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.appeal.AppealState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AppealListFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|''",
            "'   '|''",
            "state = PENDING|PENDING",
            "state=UPHELD|UPHELD",
            "state = \"OVERTURNED\"|OVERTURNED",
    })
    void aStateOrNoneIsSelected(String filter, String state) {
        assertEquals(state.isEmpty() ? Optional.empty() : Optional.of(AppealState.valueOf(state)),
                AppealListFilter.parse(filter).state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"state = DECIDED", "state = pending", "status = PENDING", "state = PENDING AND state = UPHELD",
            "state"})
    void anythingElseIsInvalidOnTheFilterField(String filter) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> AppealListFilter.parse(filter));
        assertEquals("filter", error.violations().get(0).field());
    }
}
