package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnchorListFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|''|''",
            "tier = RESTRICTED|RESTRICTED|''",
            "tier=REVOKED|REVOKED|''",
            "guild_id = \"g-1\"|''|g-1",
            "guild_id=g.2|''|g.2",
            "tier = NORMAL AND guild_id = \"g-1\"|NORMAL|g-1",
            "guild_id = g-1 and tier = SEVERELY_RESTRICTED|SEVERELY_RESTRICTED|g-1",
    })
    void supportedFiltersSelectTierAndGuild(String filter, String tier, String guild) {
        AnchorListFilter parsed = AnchorListFilter.parse(filter);
        assertEquals(tier.isEmpty() ? Optional.empty() : Optional.of(Tier.valueOf(tier)), parsed.tier());
        assertEquals(guild.isEmpty() ? Optional.empty() : Optional.of(guild), parsed.guildId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tier = BANNED", "score > 3", "tier = NORMAL OR tier = REVOKED", "guild_id = \"a b\"",
            "tier", "AND"})
    void anythingElseIsInvalidOnTheFilterField(String filter) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> AnchorListFilter.parse(filter));
        assertEquals("filter", error.violations().get(0).field());
    }
}
