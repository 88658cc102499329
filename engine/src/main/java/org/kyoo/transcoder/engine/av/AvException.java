package org.kyoo.transcoder.engine.av;

/** A libav call returned a negative code; the message carries av_strerror's text. */
public class AvException extends RuntimeException {
    private final int code;

    public AvException(String what, int code) {
        super(what + ": " + Av.errorText(code) + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
