package com.anchorhealth.adapter.web;

import io.javalin.config.RoutesConfig;

/** One area of the console (anchors, guilds, …): the routes it serves. */
interface Pages {
    void register(RoutesConfig routes);
}
