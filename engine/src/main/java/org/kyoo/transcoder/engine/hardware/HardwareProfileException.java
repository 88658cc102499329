package org.kyoo.transcoder.engine.hardware;

/**
 * The configured hardware profile cannot be used: an unknown name, or a device that does not open.
 * The server stops at start-up with this message, so it says what to change.
 */
public class HardwareProfileException extends RuntimeException {
    public HardwareProfileException(String message) {
        super(message);
    }
}
