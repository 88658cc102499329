package org.kyoo.transcoder.server.config;

/** A configuration the server cannot start with; the message says what to change. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
