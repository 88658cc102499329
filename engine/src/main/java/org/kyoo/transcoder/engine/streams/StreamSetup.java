package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.encoding.Presets;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.storage.Store;

/**
 * What one stream needs to run heads; its file's {@link FileStream} makes one per rendition.
 *
 * @param sha         the file version: the store's keys are under it
 * @param cuts        where the stream's segments start
 * @param pipelines   a fresh pipeline for each head
 * @param prefetch    whether serving a segment starts a head ahead of it (video; audio is cheap)
 * @param slots       the slots its heads take: the cores, a device's sessions, or none to speak of
 * @param segmentWait how long a request waits for its segment
 */
record StreamSetup(Path file, String sha, Rendition rendition, KeyframeIndex cuts, Supplier<SegmentPipeline> pipelines,
                   boolean prefetch, Presets presets, EncodeSlots slots, Store store, Scheduler scheduler, Players players,
                   Duration segmentWait) {
    /** File and stream, as logs and thread names say it. */
    String label() {
        return file.getFileName() + " " + rendition.label();
    }
}
