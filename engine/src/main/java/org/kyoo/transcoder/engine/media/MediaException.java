package org.kyoo.transcoder.engine.media;

/** A file that cannot be served, with the reason a user can act on. */
public class MediaException extends RuntimeException {
    public enum Kind {
        /** The file does not exist. */
        NOT_FOUND,
        /** It exists but cannot be read (permissions, I/O error, truncated beyond use). */
        UNREADABLE,
        /** It is readable but no demuxer recognises it. */
        NOT_MEDIA,
        /** It is media, but holds no audio or video stream. */
        NO_STREAMS,
        /** The request asked for something the file does not have (a track, a segment). */
        BAD_REQUEST,
        /** Waiting for a segment took longer than allowed. */
        TIMEOUT,
        /** The request needs a picture (thumbnails) but the file has no video stream. */
        NO_VIDEO
    }

    private final Kind kind;

    public MediaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MediaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
