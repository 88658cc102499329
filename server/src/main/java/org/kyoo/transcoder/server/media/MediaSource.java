package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.List;
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
}
