package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.streams.Rendition;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.server.clients.VideoTrack;

/** One file being streamed: its info, its cut points, its segments as they become ready. */
public interface StreamedFile {
    MediaInfo info();

    KeyframeIndex keyframes();

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks): the
     * first's are {@link #keyframes()}; each other track has its own (upstream Kyoo's table only).
     */
    default KeyframeIndex keyframes(int videoTrack) {
        if (videoTrack == 0) return keyframes();
        throw new UnsupportedOperationException("only the first video track");
    }

    /** Completes with the finished segment file (at once when ready). */
    CompletableFuture<Path> videoSegment(VideoTrack video, int segment);

    CompletableFuture<Path> audioSegment(int audio, int segment);

    /**
     * As {@link #videoSegment(VideoTrack, int)}, for {@code demand}'s player: the engine tells a
     * seek from a player's next segment by it. Cancelling the future says the player is gone.
     */
    default CompletableFuture<Path> videoSegment(VideoTrack video, int segment, Demand demand) {
        return videoSegment(video, segment);
    }

    default CompletableFuture<Path> audioSegment(int audio, int segment, Demand demand) {
        return audioSegment(audio, segment);
    }

    default CompletableFuture<Path> fmp4Segment(Rendition rendition, int segment, Demand demand) {
        return fmp4Segment(rendition, segment);
    }

    /** Segment n of an fMP4 rendition (upstream Kyoo's table); v3-only fakes need not offer it. */
    default CompletableFuture<Path> fmp4Segment(Rendition rendition, int segment) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no fMP4 renditions"));
    }

    /** The init segment of an fMP4 rendition. */
    default CompletableFuture<Path> fmp4Init(Rendition rendition) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no fMP4 renditions"));
    }
}
