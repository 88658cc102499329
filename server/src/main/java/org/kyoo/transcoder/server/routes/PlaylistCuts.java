package org.kyoo.transcoder.server.routes;

import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.server.http.Answer;

/** A media playlist's cut points, read once: the keyframes so far, whether they are all, and where the last segment ends. */
record PlaylistCuts(double[] keyframes, boolean complete, double end) {
    static PlaylistCuts of(KeyframeIndex index, double duration) {
        // done first: when it says done, the array read after it is the final one
        boolean complete = index.isDone();
        double[] keyframes = index.toArray();
        // keyframes are source timestamps, which may start late (MPEG-TS): the end is as far past the
        // first cut as the file is long
        double end = (keyframes.length > 0 ? keyframes[0] : 0) + duration;
        return new PlaylistCuts(keyframes, complete, end);
    }

    /** A finished playlist no longer changes; one still growing must be asked for again. */
    String cacheControl() {
        return complete ? Answer.CACHEABLE : Answer.NO_CACHE;
    }
}
