package com.anchorhealth.server;

/** A setting is missing, malformed or unsafe; the server stops with this one-line reason. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
