package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.kyoo.transcoder.engine.codecs.BitstreamFilter;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.SegmentWriter;
import org.kyoo.transcoder.engine.media.MediaInput;

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
        SegmentLoop.run(source, sink, Run::new);
    }

    private final class Run extends SegmentLoop {
        private AVStream stream;
        /** Packets before this time (seconds) are the segment before's. */
        private double from;
        private SegmentWriter out;
        /** ADTS-framed AAC (from MPEG-TS) into fMP4: the raw frames and config an MP4 sample entry holds. */
        private BitstreamFilter adts;

        Run(MediaInput in, SegmentSink sink) {
            super(in, sink);
        }

        @Override
        int openInput() {
            int audio = audioFromFirstSegment(track, PRE_READ, SegmentSink.EPSILON);
            stream = in.stream(audio);
            double start = sink.segmentStart(n);
            // the first segment also takes what comes before the first keyframe, down to 0: a tfdt
            // cannot be negative, so an encoder's priming packet stamped before 0 is left out
            from = (n == 0 ? Math.min(start, 0) : start) - SegmentSink.EPSILON;
            AVCodecParameters par = stream.codecpar();
            if (container == Container.FMP4 && par.codec_id() == AV_CODEC_ID_AAC && par.extradata_size() == 0) {
                adts = new BitstreamFilter("aac_adtstoasc", par, stream.time_base());
            }
            return audio;
        }

        @Override
        void onPacket(AVPacket packet) {
            long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (ts == AV_NOPTS_VALUE) return;
            double t = Timestamps.seconds(ts, stream.time_base());
            if (t < from) return;
            while (t >= sink.segmentEnd(n) - SegmentSink.EPSILON) {
                // a segment with no packet (a gap) is not published, and ends the run
                if (out == null) {
                    stopped = true;
                    return;
                }
                finishSegment(ts);
                if (!publishAndMoveOn()) return;
            }
            if (adts == null) {
                write(packet);
                return;
            }
            adts.filter(packet, filtered -> {
                write(filtered);
                av_packet_unref(filtered);
            });
        }

        private void write(AVPacket packet) {
            if (out == null) {
                AVCodecParameters par = adts != null ? adts.output() : stream.codecpar();
                out = SegmentWriter.forCopy(sink.temporaryFile(n), par, stream.time_base(), container);
            }
            out.write(packet);
        }

        @Override
        void flush() {
            if (out == null) return;
            finishSegment(AV_NOPTS_VALUE);
            sink.publish(n);
        }

        /** Completes segment n's file, its last packet lasting up to {@code next} (the next segment's first). */
        private void finishSegment(long next) {
            out.finish(next);
            out.close();
            out = null;
        }

        @Override
        public void close() {
            try {
                if (out != null) out.close();
            } finally {
                if (adts != null) adts.close();
                super.close();
            }
        }
    }
}
