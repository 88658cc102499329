package org.kyoo.transcoder.engine.streams;

import java.time.Duration;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.storage.Store;

/**
 * What every file's streams share: where segments are kept, the machine's scheduler and the one
 * owner of where players are, how segments are encoded and by which loops, and how long a request
 * waits for its segment.
 */
public record StreamEnvironment(Store segments, Scheduler scheduler, Players players, EncodingPolicy encoding,
                                PipelineFactory pipelines, Duration segmentWait) {
    /** How long a request waits for its segment (SPEC: 60 s, then an error). */
    public static final Duration SEGMENT_WAIT = Duration.ofSeconds(60);
}
