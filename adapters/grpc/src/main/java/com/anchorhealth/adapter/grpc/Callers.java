package com.anchorhealth.adapter.grpc;

import io.grpc.Context;

/** Who is calling: set by the authenticating interceptor, recorded as the actor of every write. */
public final class Callers {
    public static final String ANONYMOUS = "anonymous";
    public static final Context.Key<String> ACTOR = Context.keyWithDefault("anchorhealth-actor", ANONYMOUS);

    private Callers() {
    }

    static String current() {
        return ACTOR.get();
    }
}
