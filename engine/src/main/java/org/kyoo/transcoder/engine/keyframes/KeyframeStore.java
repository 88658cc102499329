package org.kyoo.transcoder.engine.keyframes;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * Keyframe indexes of every file asked for: in memory, then {@code {metadata}/{sha}/keyframes.json},
 * else the container's own index, else a packet scan; concurrent callers share one scan.
 */
public final class KeyframeStore {
    private final EngineSettings settings;

    public KeyframeStore(EngineSettings settings) {
        this.settings = settings;
    }

    /** Returns at once with an index that may still be growing; see {@link KeyframeIndex#firstBatch()}. */
    public KeyframeIndex get(Path path, String sha, MediaInfo info) {
        throw new UnsupportedOperationException("TODO: issue 2");
    }
}
