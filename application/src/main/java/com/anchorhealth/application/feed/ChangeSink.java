package com.anchorhealth.application.feed;

/** Where a watch sends its changes: a stream with flow control, called from one thread at a time. */
public interface ChangeSink {
    /** Whether the stream takes another change now without buffering it. */
    boolean isReady();

    void send(WatchedChange change);

    /** Ends the stream with an error: a refused or expired cursor, or the store unavailable. */
    void fail(RuntimeException error);

    /** Ends the stream because this server is stopping; the watcher resumes elsewhere after its last change. */
    void serverStopping();
}
