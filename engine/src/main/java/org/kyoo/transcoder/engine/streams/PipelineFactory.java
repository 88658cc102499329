package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.encoding.VideoEncoding;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.pipelines.AudioCopyPipeline;
import org.kyoo.transcoder.engine.pipelines.AudioPipeline;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.pipelines.TransmuxPipeline;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/** Which loop makes a rendition's segments: a copy of the source's packets, or a decode → encode. */
public final class PipelineFactory {
    private final HardwareProfile hardware;
    private final VideoEncoding encoding;
    private final VideoPipeline.FrameObserver observer;
    private final ToneMapping toneMapping;

    /** HDR sources tone-mapped with the default curve. */
    public PipelineFactory(HardwareProfile hardware, EncodingPolicy encoding, VideoPipeline.FrameObserver observer) {
        this(hardware, encoding, observer, ToneMapping.DEFAULT);
    }

    /**
     * @param encoding    what each transcoded segment is encoded with
     * @param observer    sees every frame handed to an encoder (tests check that none precedes a head's start)
     * @param toneMapping the curve HDR sources are tone-mapped with
     */
    public PipelineFactory(HardwareProfile hardware, EncodingPolicy encoding, VideoPipeline.FrameObserver observer,
                           ToneMapping toneMapping) {
        this.hardware = hardware;
        this.encoding = encoding.video();
        this.observer = observer;
        this.toneMapping = toneMapping;
    }

    public HardwareProfile hardware() {
        return hardware;
    }

    /** A fresh pipeline for one head of {@code rendition} of {@code source}. */
    public SegmentPipeline of(Path source, Rendition r) {
        if (r.audio()) {
            return r.original() ? new AudioCopyPipeline(source, r.track(), r.container())
                    : new AudioPipeline(source, r.track(), r.bitRate(), r.container());
        }
        return r.original() ? new TransmuxPipeline(source, r.container(), r.track())
                : new VideoPipeline(source, r.quality(), hardware, encoding, observer, r.container(), r.track(), r.keepSize(),
                        toneMapping);
    }
}
