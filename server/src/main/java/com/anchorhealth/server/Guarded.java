package com.anchorhealth.server;

import java.util.logging.Logger;

/**
 * Keeps a periodic job alive through failures (an exception would cancel it), and logs when it
 * starts failing and when it recovers rather than on every round while the database (or a broker) is down.
 */
final class Guarded implements Runnable {
    private static final Logger LOG = Logger.getLogger(Guarded.class.getName());
    private final String what;
    private final Runnable job;
    private boolean failing;

    Guarded(String what, Runnable job) {
        this.what = what;
        this.job = job;
    }

    @Override
    public void run() {
        try {
            job.run();
            if (failing) {
                failing = false;
                LOG.info(what + " works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning(what + " failed, retrying every round: " + e);
            }
        }
    }
}
