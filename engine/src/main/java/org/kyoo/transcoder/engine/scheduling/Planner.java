package org.kyoo.transcoder.engine.scheduling;

/** How a stream decides between waiting on a running head and starting a new one. */
public enum Planner {
    /** Join the head below only when it is expected to get there sooner than a fresh head would. */
    EXPECTED_TIME,
    /**
     * The Go original's rule, kept to measure against: join any head less than 60 s of media
     * behind, whatever its speed; no slot bound, no throttling, no idle stop.
     */
    DISTANCE
}
