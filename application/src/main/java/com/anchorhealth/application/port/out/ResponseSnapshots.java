package com.anchorhealth.application.port.out;

/**
 * The first response of a mutating call, kept with its request key so that every retry answers with
 * it, whatever has happened to the resource since. Kept in a versioned, documented form per kind of
 * response (docs/RELIABILITY.md), never as a serialization of its class, so that retries outlive a
 * change of the class and two versions of the service answer each other's keys. A restored response
 * holds what the response shows; facts it never shows may be left out (an anchor's live sessions).
 */
public interface ResponseSnapshots {
    /** The response as text to keep. */
    String snapshot(Object response);

    /** A kept response, as the type it was snapshotted from. */
    <T> T restore(String snapshot, Class<T> type);
}
