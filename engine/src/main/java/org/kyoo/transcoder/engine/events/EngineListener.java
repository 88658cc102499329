package org.kyoo.transcoder.engine.events;

import java.time.Duration;

/**
 * What the engine tells whoever watches it (the server's metrics and logs); every method has a
 * no-op default so a listener implements only what it reads. Called on engine threads: a listener
 * must be quick and must not throw.
 */
public interface EngineListener {
    /** A head began making segments of {@code kind} ("video", "audio" or "transmux"). */
    default void headStarted(HeadStart start) {}

    /** A head stopped: done, cancelled or failed. */
    default void headEnded(HeadReport report) {}

    /** A segment was published complete on disk. */
    default void segmentProduced(String kind) {}

    /** A head's first segment was published, {@code took} after the head started (its cold start). */
    default void firstSegment(String kind, Duration took) {}

    /** A keyframe scan ended; {@code failed} when it could not finish. */
    default void keyframesIndexed(Duration took, boolean failed) {}

    /**
     * An identification of a file's intro and credits against its neighbours ended:
     * {@code outcome} is {@code found} (at least one chapter), {@code none} or {@code failed}.
     */
    default void chaptersIdentified(Duration took, String outcome) {}
}
