package com.anchorhealth.application.port.out;

/**
 * The first response of a mutating call, kept with its request key so that every retry answers with
 * it, whatever has happened to the resource since.
 */
public interface ResponseSnapshots {
    /** The response as text to keep. */
    String snapshot(Object response);

    /** A kept response, as the type it was snapshotted from. */
    <T> T restore(String snapshot, Class<T> type);
}
