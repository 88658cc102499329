package org.kyoo.transcoder.engine.scheduling;

import java.util.List;

/** What a planning rule reads of one stream: its cut points, what is made, its heads, its estimates, its players. */
public interface StreamPlan {
    /** Segments whose end is known. */
    int segmentCount();

    double segmentStart(int n);

    /** The start of segment n + 1, or infinity while unknown. */
    double segmentEnd(int n);

    boolean isReady(int n);

    /** The live heads (cancelled ones may still be listed until their thread ends). */
    List<? extends HeadView> heads();

    /** This stream's measured start-up and speed. */
    SpeedEstimate estimate();

    /** The machine's, over the streams doing this one's kind of work: for a stream that measured nothing yet. */
    SpeedEstimate machine();

    /** Ticker nanos now. */
    long now();

    /** Whether a head at the segment starting at {@code start} would be near no player. */
    boolean nearNobody(double start);
}
