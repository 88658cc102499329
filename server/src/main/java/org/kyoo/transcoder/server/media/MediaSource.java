package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.List;
import org.kyoo.transcoder.engine.chapters.Episode;
import org.kyoo.transcoder.engine.chapters.RunningIdentification;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.streams.RunningHead;

/** What the routes need from the engine; {@link EngineMedia} in production, fakes in tests. */
public interface MediaSource {
    /** Blocks until the file is probed; throws MediaException saying why it cannot be. */
    MediaInfo info(Path file, String sha);

    /** The file's streams; blocks until its info and first keyframes are known. */
    StreamedFile stream(Path file, String sha);

    /** Whether video may be encoded; false ({@code GOCODER_TRANSCODE=disabled}): only copies are offered. */
    default boolean encodesVideo() {
        return true;
    }

    /** The files whose streams are open (behind a proxy: the files this instance serves), for {@code /streams} and metrics. */
    default List<Path> openFiles() {
        return List.of();
    }

    /** The heads running now (for {@code /streams}); fakes run none. */
    default List<RunningHead> runningHeads() {
        return List.of();
    }

    /** What {@code /info} answers: the file's info with the intros and credits found for it among its chapters. */
    default MediaInfo described(Path file, String sha) {
        return info(file, sha);
    }

    /**
     * Starts finding {@code file}'s intro and credits against its neighbours (either may be null),
     * unless they were found with the same neighbours before; fakes find nothing.
     */
    default void identifyChapters(Episode file, Episode previous, Episode next) {}

    /** The chapter identifications under way (for {@code /streams}). */
    default List<RunningIdentification> identifications() {
        return List.of();
    }
}
