package org.kyoo.transcoder.engine.scheduling;

/**
 * Who gets an encode slot first: the lower the ordinal, the sooner (earliest deadline first, in
 * coarse steps). A running head gives its slot, between two packets, to a queued head of a lower
 * ordinal only, so heads of one level never take turns mid-segment.
 */
public enum Priority {
    /**
     * A player waits on a segment with nothing of this stream buffered: its first request, a seek,
     * a quality switch. Its screen is frozen until the segment comes.
     */
    NOTHING_BUFFERED,
    /** A player waits on the segment after the one it asked for last: that one is still playing. */
    NEXT_SEGMENT,
    /** Ahead of a player, within the stream's buffer: it will be watched soon. */
    PREFETCH,
    /** Nobody waits on it and nobody is near it. */
    UNWATCHED;

    /** Whether a request waits on this head's work. */
    public boolean waited() {
        return this == NOTHING_BUFFERED || this == NEXT_SEGMENT;
    }
}
