package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.codecs.Resampler;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.SegmentWriter;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * An audio track: decode → downmix to stereo → AAC-LC 128 kb/s, cut on the video's boundaries.
 *
 * <p>Each segment gets its own AAC encoder whose frames start exactly at the segment's first
 * sample. It is fed one frame of the audio before (the encoder's 1024-sample priming then holds
 * real sound, and the packets kept start at the boundary) and a little of the audio after (so the
 * last packet kept is real sound to its end). Decoding starts half a second early for that.
 */
public final class AudioPipeline implements SegmentPipeline {
    /** AAC-LC frame size. */
    public static final int FRAME = 1024;
    /** Decoding starts this much before the first segment (priming plus decoder warm-up). */
    private static final double PRE_DECODE = 0.5;
    private static final long BIT_RATE = 128_000;
    /** A first segment shorter than this many frames is encoded in one piece (splitting would gain little). */
    public static final int SPLIT_MIN_FRAMES = 8;
    /** Off only in the timing test, to compare with one encoder in the same run. */
    public static volatile boolean splitFirstSegment = true;

    private final Path source;
    private final int track;
    private final long bitRate;
    private final Container container;

    public AudioPipeline(Path source, int track) {
        this(source, track, BIT_RATE, Container.TS);
    }

    /** Track {@code track} encoded at {@code bitRate} (upstream's ladder: 128k to 512k) into {@code container}. */
    public AudioPipeline(Path source, int track, long bitRate, Container container) {
        this.source = source;
        this.track = track;
        this.bitRate = bitRate;
        this.container = container;
    }

    @Override
    public void run(SegmentSink sink) {
        SegmentLoop.run(source, sink, Run::new);
    }

    private final class Run extends DecodingLoop {
        private final AVFrame converted = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        private Resampler resampler;
        private AudioTimeline timeline;
        private AVStream stream;
        /** Whether this head wrote a segment yet: only its first is split. */
        private boolean wroteOne;

        Run(MediaInput in, SegmentSink sink) {
            super(in, sink);
        }

        @Override
        int openInput() {
            int audio = audioFromFirstSegment(track, PRE_DECODE, (double) FRAME / 8000);
            stream = in.stream(audio);
            openDecoder(stream, ctx -> {});
            return audio;
        }

        @Override
        void onFrame(AVFrame decoded) {
            if (resampler == null) open(decoded);
            long ts = decoded.best_effort_timestamp();
            Long position = ts == AV_NOPTS_VALUE ? null
                    : Math.round(Timestamps.seconds(ts, stream.time_base()) * timeline.rate());
            try {
                resampler.convert(decoded, converted);
                timeline.append(converted, position);
            } finally {
                av_frame_unref(converted);
            }
            writeReadySegments();
        }

        @Override
        void endOfFrames() {
            if (resampler != null) {
                resampler.convert(null, converted);
                try {
                    timeline.append(converted, null);
                } finally {
                    av_frame_unref(converted);
                }
            }
            // nothing decoded (a head started past the end of an audio track shorter than the video):
            // its segments are silence at the rate the track's other segments have
            if (timeline == null) openTimeline(Resampler.aacRate(stream.codecpar().sample_rate()));
            // end of the file: what remains goes into the segments still to make
            while (!halted()) {
                long end = sampleAt(sink.segmentEnd(n));
                boolean last = end == Long.MAX_VALUE;
                // the file's last segment runs to the end of the audio; an audio track ending before
                // the video still gets every segment, in silence, so no player waits for nothing
                if (last) end = Math.max(timeline.end(), sampleAt(sink.segmentStart(n)) + FRAME);
                timeline.padTo(end);
                if (!writeSegment(end, last) || last) return;
            }
        }

        private void open(AVFrame decoded) {
            resampler = new Resampler(decoded);
            openTimeline(resampler.outputRate());
        }

        private void openTimeline(int rate) {
            timeline = new AudioTimeline(rate, Math.round(sink.segmentStart(n) * rate) - FRAME);
        }

        private long sampleAt(double seconds) {
            return Double.isInfinite(seconds) ? Long.MAX_VALUE : Math.round(seconds * timeline.rate());
        }

        /** Writes every segment whose audio, and a little after it, is decoded. */
        private void writeReadySegments() {
            while (!stopped) {
                long end = sampleAt(sink.segmentEnd(n));
                if (end == Long.MAX_VALUE || timeline.end() < end + 2L * FRAME) return;
                writeSegment(end, false);
            }
        }

        /** Encodes segment n up to sample {@code end} with a fresh encoder, publishes it; returns whether to go on. */
        private boolean writeSegment(long end, boolean last) {
            long begin = sampleAt(sink.segmentStart(n));
            int rate = timeline.rate();
            long frames = (end - begin) / FRAME;
            // the head's first segment is the one a player waits on: its halves are encoded on two cores
            boolean split = splitFirstSegment && !wroteOne && frames >= SPLIT_MIN_FRAMES;
            wroteOne = true;
            long mid = split ? begin + FRAME * (frames / 2) : end;
            try (SegmentHalf second = split ? SegmentHalf.start(timeline, rate, bitRate, mid, end, last, feedEnd(end, last), threadName()) : null;
                 Encoder encoder = aacEncoder(rate, bitRate);
                 SegmentWriter out = SegmentWriter.forEncoder(sink.temporaryFile(n), encoder.context(), container);
                 Frame frame = new Frame(rate)) {
                // the first half ends at mid like a segment that is not the file's last
                boolean lastHere = last && !split;
                long endHere = split ? mid : end;
                long feedEnd = split ? feedEnd(mid, false) : feedEnd(end, last);
                for (long pos = begin - FRAME; pos < feedEnd; pos += FRAME) {
                    int count = (int) Math.min(FRAME, feedEnd - pos);
                    frame.fill(timeline, pos, count);
                    encoder.send(frame.frame);
                    drain(encoder, out, begin, endHere, lastHere);
                }
                encoder.send(null);
                drain(encoder, out, begin, endHere, lastHere);
                if (second != null) second.writeTo(out);
                // the next segment's first packet starts at end: an fMP4 fragment lasts up to it
                out.finish(last ? AV_NOPTS_VALUE : end);
            }
            timeline.discardBefore(end - FRAME);
            return publishAndMoveOn();
        }

        /** One frame of audio before the boundary, then up to two frames past the end when there are. */
        private long feedEnd(long end, boolean last) {
            return last ? end : Math.min(end + 2L * FRAME, Math.max(end, timeline.end()));
        }

        private String threadName() {
            return "audio " + source.getFileName() + " track " + track + " segment " + n + " second half";
        }

        /**
         * Keeps the packets of [begin, end): packets start on the segment's grid, and the last one
         * is kept when at least half of it is inside, so a boundary is off by under half a frame.
         */
        private void drain(Encoder encoder, SegmentWriter out, long begin, long end, boolean last) {
            while (encoder.receive(packet)) {
                try {
                    if (kept(packet.pts(), begin, end, last)) out.write(packet);
                } finally {
                    av_packet_unref(packet);
                }
            }
        }

        @Override
        public void close() {
            if (timeline != null) timeline.close();
            if (resampler != null) resampler.close();
            av_frame_free(converted);
            super.close();
        }
    }

    /** Whether a packet at {@code pts} belongs to [begin, end): the last is kept if at least half inside. */
    static boolean kept(long pts, long begin, long end, boolean last) {
        return pts >= begin && (last || pts + FRAME / 2 <= end);
    }

    /** A fresh AAC-LC encoder for stereo at {@code rate}; every encoder of a segment is configured alike. */
    static Encoder aacEncoder(int rate, long bitRate) {
        return new Encoder("aac", (ctx, options) -> {
            ctx.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(rate).time_base(av_make_q(1, rate)).bit_rate(bitRate);
            av_channel_layout_default(ctx.ch_layout(), 2);
        });
    }

    /** The frame handed to the encoder, refilled from the timeline for each 1024 samples. */
    private static final class Frame implements AutoCloseable {
        final AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");

        Frame(int rate) {
            frame.format(AV_SAMPLE_FMT_FLTP).sample_rate(rate).nb_samples(FRAME);
            av_channel_layout_default(frame.ch_layout(), 2);
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
        }

        void fill(AudioTimeline timeline, long position, int count) {
            // the encoder may still hold the previous buffer
            Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
            frame.nb_samples(count);
            frame.pts(position);
            timeline.read(frame, position, count);
        }

        @Override
        public void close() {
            av_frame_free(frame);
        }
    }
}
