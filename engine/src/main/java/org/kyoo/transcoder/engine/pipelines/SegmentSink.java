package org.kyoo.transcoder.engine.pipelines;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.codecs.Timestamps;

/**
 * What a pipeline sees of the head running it: which segments to make, where to write them, and
 * whether to go on. Segment n covers [start(n), end(n)) of the source timeline.
 */
public interface SegmentSink {
    /** Timestamps closer than this to a boundary are on it (well under a frame at 120 fps). */
    double EPSILON = 0.003;

    /** The first segment to make. */
    int first();

    /** Where segment n is first shown (an open-GOP keyframe's leading pictures show before it). */
    double segmentStart(int n);

    /** Where segment n is decoded from: its keyframe's own time, at or after {@link #segmentStart}. */
    default double keyframeTime(int n) {
        return segmentStart(n);
    }

    /** The start of segment n + 1, or infinity for the file's last segment. */
    double segmentEnd(int n);

    /** The encoder preset for segment n (a quicker one for the segment a player is waiting on). */
    String preset(int n);

    /**
     * The preset of a segment made in the usual way (neither a start-up nor a load one): the
     * one whose parameter sets an fMP4 rendition's shared init holds. Null: the same as {@link #preset}.
     */
    default String steadyPreset() {
        return null;
    }

    /** True once the head was asked to stop; pipelines check it between packets. */
    boolean cancelled();

    /**
     * Between two packets: may park the calling thread (holding every native object as it is)
     * while more urgent work has the CPU or no player is near; check {@link #cancelled()} after.
     */
    default void checkpoint() {}

    /** Segment n is being made (for head positions and the thread's name). */
    void starting(int n);

    /** Where to write segment n before it is complete. */
    Path temporaryFile(int n);

    /** Segment n is complete at {@link #temporaryFile(int)}: publish it. Returns whether to go on to n + 1. */
    boolean publish(int n);
}
