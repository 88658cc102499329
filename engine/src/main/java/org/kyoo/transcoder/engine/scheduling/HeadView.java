package org.kyoo.transcoder.engine.scheduling;

/** A head as planning sees it: where it is, how far it may go, and what it measured of itself. */
public interface HeadView {
    /** The segment being made now (or next, when paused or queued). */
    int position();

    /** One past the last segment it may make. */
    int end();

    boolean cancelled();

    /** Measured seconds of media per wall second; NaN until it made a segment past its first. */
    double speed();

    /** Whether it published a segment yet (its start-up is behind it). */
    boolean hasPublished();

    /** Ticker nanos when it took its first slot; 0 while queued for it. */
    long startedNanos();

    /** Ticker nanos when the segment being made began; 0 before its first. */
    long segmentBeganNanos();

    /** Whether it holds a slot and encodes now (not queued, not paused). */
    boolean running();
}
