package org.kyoo.transcoder.engine.segments;

import java.nio.file.Path;
import java.util.Optional;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.MediaInfoStore;

/** Every file being streamed, by path; the one entry point the server uses for HLS. */
public final class Transcoder implements AutoCloseable {
    public Transcoder(EngineSettings settings, MediaInfoStore infos, KeyframeStore keyframes) {
    }

    /**
     * The file's streams, created on first use; blocks until its media info and first keyframes are
     * known. Throws {@link org.kyoo.transcoder.engine.media.MediaException} for unusable files.
     */
    public FileStream fileStream(Path path, String sha) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** The file's streams when they exist already. */
    public Optional<FileStream> existing(Path path) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** Stops the file's heads and deletes its cached segments. */
    public void destroy(Path path) {
        throw new UnsupportedOperationException("TODO: issue 3");
    }

    /** Stops every head and frees native memory. */
    @Override
    public void close() {
    }
}
