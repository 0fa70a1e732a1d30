package dev.lambdarouter.router.config;

/** The configuration store could not be read (network, permissions, throttling). Not a validation failure. */
public final class ConfigSourceException extends Exception {
    public ConfigSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
