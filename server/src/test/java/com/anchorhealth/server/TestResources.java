package com.anchorhealth.server;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Files under src/test/resources: the tokens file and TLS certificates of the tests. */
final class TestResources {
    static final Path TOKENS = path("/tokens.txt");

    private TestResources() {
    }

    static Path path(String resource) {
        try {
            return Path.of(TestResources.class.getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
