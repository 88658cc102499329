package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.SegmentWriter;

/**
 * Upstream's {@code original} audio: the track's packets copied as they are (AAC, AC-3, E-AC-3,
 * Opus, FLAC…), cut on the video's boundaries.
 *
 * <p>A packet belongs to the segment its timestamp falls in, so every head cuts the same packet
 * into the same segment: consecutive segments share no packet and miss none. Audio packets are all
 * cut points, so a deep seek costs one demuxer seek, as for transmuxed video.
 */
public final class AudioCopyPipeline implements SegmentPipeline {
    /** The seek lands this far before the segment: containers index video keyframes, rarely audio. */
    private static final double PRE_READ = 0.5;

    private final Path source;
    private final int track;
    private final Container container;

    public AudioCopyPipeline(Path source, int track, Container container) {
        this.source = source;
        this.track = track;
        this.container = container;
    }

    @Override
    public void run(SegmentSink sink) {
        SourceRun.run(source, sink, Run::new);
    }

    private final class Run extends SourceRun {
        private SegmentWriter out;

        Run(MediaInput in, SegmentSink sink) {
            super(in, sink);
        }

        @Override
        void run() {
            int audio = in.audioStream(track);
            AVStream stream = in.stream(audio);
            double start = sink.segmentStart(n);
            if (n > 0) {
                int video = in.firstVideoStream();
                in.seek(video >= 0 ? video : audio, start - PRE_READ, audio, start - SegmentSink.EPSILON, this::halted);
            }
            in.keepOnly(audio);
            // the first segment also takes what comes before the first keyframe, down to 0: a tfdt
            // cannot be negative, so an encoder's priming packet stamped before 0 is left out
            double from = (n == 0 ? Math.min(start, 0) : start) - SegmentSink.EPSILON;
            sink.starting(n);
            while (next(audio)) {
                try {
                    long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (ts == AV_NOPTS_VALUE) continue;
                    double t = Timestamps.seconds(ts, stream.time_base());
                    if (t < from) continue;
                    while (t >= sink.segmentEnd(n) - SegmentSink.EPSILON) {
                        if (!finishSegment(ts)) return;
                        n++;
                        sink.starting(n);
                    }
                    if (out == null) {
                        out = SegmentWriter.forCopy(sink.temporaryFile(n), stream.codecpar(), stream.time_base(), container);
                    }
                    out.write(packet);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (!sink.cancelled() && out != null) finishSegment(AV_NOPTS_VALUE);
        }

        /**
         * Completes segment n's file, its last packet lasting up to {@code next} (the next
         * segment's first), and publishes it; a segment with no packet (a gap) is not published.
         */
        private boolean finishSegment(long next) {
            if (out == null) {
                stopped = true;
                return false;
            }
            out.finish(next);
            out.close();
            out = null;
            return sink.publish(n);
        }

        @Override
        public void close() {
            if (out != null) out.close();
            super.close();
        }
    }
}
