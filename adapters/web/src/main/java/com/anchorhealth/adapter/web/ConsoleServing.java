package com.anchorhealth.adapter.web;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the console serves: the zone its times are told in, how many pages load at once, and the host
 * names it answers to (empty: loopback names only when no tokens are configured, any name with tokens).
 * Answering only to names it knows keeps a page of another site, whose name was made to resolve to
 * this server (DNS rebinding), from reading the console with the visitor's browser.
 */
public record ConsoleServing(ZoneId zone, int maxConcurrentPages, Set<String> allowedHosts) {
    public ConsoleServing {
        allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
