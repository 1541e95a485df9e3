package com.anchorhealth.server;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The settings and the network transport of a production server. */
final class ServerModule extends AbstractModule {
    private final Settings settings;

    ServerModule(Settings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    Settings settings() {
        return settings;
    }

    @Provides
    @Singleton
    ServerTransport transport(Settings settings) {
        return new NettyTransport(settings);
    }
}
