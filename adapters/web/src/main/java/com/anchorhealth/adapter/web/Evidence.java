package com.anchorhealth.adapter.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An evidence reference as the moderation pipeline sent it: a link when it is a web address, else
 * the text itself (a clip id, {@code clip://…}). Only http and https become links: {@code javascript:},
 * {@code data:} and every other scheme would run or open something in the console's own origin.
 */
public final class Evidence {
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https");

    private Evidence() {
    }

    /** The address to link to, when the reference is an absolute http(s) URL with a host. */
    public static Optional<String> link(String reference) {
        try {
            URI uri = new URI(reference);
            if (uri.getScheme() == null || !WEB_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
