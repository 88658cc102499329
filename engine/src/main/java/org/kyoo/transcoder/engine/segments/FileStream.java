package org.kyoo.transcoder.engine.segments;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;

/** One file's video qualities and audio tracks, each a stream of segments made by heads. */
public final class FileStream {
    public MediaInfo info() { throw new UnsupportedOperationException("TODO: issue 3"); }

    public KeyframeIndex keyframes() { throw new UnsupportedOperationException("TODO: issue 3"); }

    /**
     * Segment n of the video in {@code quality} (null: original, transmuxed). Completes with the
     * finished file, at once when ready; starts a head when none will reach it soon.
     */
    public CompletableFuture<Path> videoSegment(Quality quality, int n) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** Segment n of audio track {@code audio} (index among the audio tracks). */
    public CompletableFuture<Path> audioSegment(int audio, int n) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** Stops the heads of one video quality (null: original). */
    public void killVideo(Quality quality) { throw new UnsupportedOperationException("TODO: issue 3"); }

    /** Stops the heads of one audio track. */
    public void killAudio(int audio) { throw new UnsupportedOperationException("TODO: issue 3"); }

    /**
     * Stops the heads of this video quality / audio track (either may be absent: null, -1) whose
     * position is more than 20 segments from every segment in {@code watched}.
     */
    public void killOrphanedHeads(Quality quality, boolean original, int audio, int[] watched) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** Stops every head of the file. */
    public void kill() { throw new UnsupportedOperationException("TODO: issue 3"); }
}
