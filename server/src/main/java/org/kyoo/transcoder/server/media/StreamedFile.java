package org.kyoo.transcoder.server.media;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.streams.Rendition;

/** One file being streamed: its info, its cut points, its segments as they become ready. */
public interface StreamedFile {
    MediaInfo info();

    KeyframeIndex keyframes();

    /** The chapters players are told of in playlists: the file's own and the intros and credits found for it. */
    default List<MediaInfo.Chapter> chapters() {
        return info().chapters() == null ? List.of() : info().chapters();
    }

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks): the
     * first's are {@link #keyframes()}; each other track has its own (upstream Kyoo's table only).
     */
    default KeyframeIndex keyframes(int videoTrack) {
        if (videoTrack == 0) return keyframes();
        throw new UnsupportedOperationException("only the first video track");
    }

    /**
     * Segment n of {@code rendition} for {@code demand}'s player (the engine tells a seek from a
     * player's next segment by it); completes with what the store holds, at once when ready.
     * Cancelling the future says the player is gone.
     */
    CompletableFuture<Stored> segment(Rendition rendition, int segment, Demand demand);

    /** The init segment of an fMP4 rendition (upstream Kyoo's table). */
    default CompletableFuture<Stored> init(Rendition rendition) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no fMP4 renditions"));
    }
}
