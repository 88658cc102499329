package org.kyoo.transcoder.engine.media;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.EngineSettings;

/**
 * Media info of every file asked for: in memory, then {@code {metadata}/{sha}/info.json}, else one
 * in-process probe shared by concurrent callers. A failed probe is not cached.
 */
public final class MediaInfoStore {
    private final EngineSettings settings;

    public MediaInfoStore(EngineSettings settings) {
        this.settings = settings;
    }

    /** Blocks until the info is known; throws {@link MediaException} saying why it cannot be. */
    public MediaInfo get(Path path, String sha) {
        throw new UnsupportedOperationException("TODO: issue 2");
    }
}
