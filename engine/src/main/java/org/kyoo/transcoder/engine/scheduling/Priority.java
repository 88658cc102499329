package org.kyoo.transcoder.engine.scheduling;

/** Who gets an encode slot first: the lower the ordinal, the sooner. */
public enum Priority {
    /** A player is waiting on a segment this head is to make. */
    WAITED,
    /** Ahead of a player, within the stream's buffer: it will be watched soon. */
    PREFETCH,
    /** Nobody waits on it and nobody is near it. */
    UNWATCHED
}
