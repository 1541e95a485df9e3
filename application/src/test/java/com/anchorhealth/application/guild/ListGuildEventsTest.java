package com.anchorhealth.application.guild;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.port.out.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ListGuildEventsTest {
    private final Ports ports = Ports.enforced();

    @Test
    void anUnknownGuildIsNotFoundRatherThanAnEmptyLedger() {
        when(ports.guilds.find("stars")).thenReturn(Optional.empty());

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> new ListGuildEvents(ports.guilds).list(Scope.EVERY_GUILD, "stars", PageRequest.first(10)));

        assertEquals("guilds/stars", missing.resourceName());
        verify(ports.guilds, never()).events(any(), any());
    }
}
