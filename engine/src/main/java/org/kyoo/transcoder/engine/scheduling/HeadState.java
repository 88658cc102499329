package org.kyoo.transcoder.engine.scheduling;

/**
 * A read-only fact about one head, for metrics and diagnostics.
 *
 * @param stream   file and stream label
 * @param position the segment being made (or next to make, when paused or queued)
 * @param speed    measured seconds of media per wall second; NaN before its first measured segment
 */
public record HeadState(String stream, int id, int position, int end, State state, Priority priority, double speed) {
    public enum State {
        /** Waiting for an encode slot (not started, or yielded to a more urgent head). */
        QUEUED,
        RUNNING,
        /** Far enough ahead of every player: holds its place between two segments. */
        PAUSED
    }
}
