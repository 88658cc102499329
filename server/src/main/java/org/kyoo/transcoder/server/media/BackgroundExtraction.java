package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * Subtitle/attachment extraction and the seek-bar sprite, started by {@code /info} and awaited by
 * the routes serving what they make, which they hand out from the metadata store. Implementations
 * need not deduplicate: {@link OncePerFile} does.
 */
public interface BackgroundExtraction {
    /** Copies subtitles and attachments (fonts) into the metadata store. */
    CompletableFuture<Void> extract(Path file, String sha, MediaInfo info);

    /**
     * Subtitle {@code name} ({@code 0.srt}: its index and extension) once {@link #extract} has run;
     * empty when the file has none by that name.
     */
    Optional<Stored> subtitle(String sha, String name);

    /** Attachment {@code name} once {@link #extract} has run; empty when the file has none by that name. */
    Optional<Stored> attachment(String sha, String name);

    /** Makes the sprite and its VTT map. */
    CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info);

    /** The public route prefix ("" for none) of the routes serving all this: the links to it start with it. */
    String routePrefix();

    /** @param map the WebVTT map as stored: its cues point at the picture by its stored name, not at a route */
    record Sprite(Stored png, String map) {}
}
