package org.kyoo.transcoder.engine.pipelines;

/** One head's demux→(decode→filter→encode)→mux loop, producing consecutive segments. */
public interface SegmentPipeline {
    /** Runs until the sink says stop, the file ends, or the head is cancelled; frees everything it made. */
    void run(SegmentSink sink);
}
