package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * Subtitle/attachment extraction and the seek-bar sprite, started by {@code /info} and awaited by
 * the routes serving their files. Implementations need not deduplicate: {@link OncePerFile} does.
 */
public interface BackgroundExtraction {
    /** Copies subtitles to {@code {metadata}/{sha}/sub} and attachments to {@code {metadata}/{sha}/att}. */
    CompletableFuture<Void> extract(Path file, String sha, MediaInfo info);

    /** Makes the sprite and its VTT map. */
    CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info);

    record Sprite(Path png, Path vtt) {}

    /** Nothing extracted, so the file routes answer 404 (tests that need no extraction). */
    BackgroundExtraction NONE = new BackgroundExtraction() {
        @Override
        public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
            return CompletableFuture.failedFuture(
                    new org.kyoo.transcoder.server.http.HttpError(404, "Thumbnails are not available in this build."));
        }
    };
}
