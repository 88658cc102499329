package org.kyoo.transcoder.engine.fingerprints;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Decoder;
import org.kyoo.transcoder.engine.codecs.MonoResampler;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * A stretch of one audio track, decoded by libav, made mono 16-bit at 11 025 Hz and handed on as
 * it comes (to {@link Chromaprint}): nothing but the current frame is held in memory.
 */
final class AudioWindow {
    private final Path file;
    private final int track;

    /** @param track the audio track's place among the file's audio streams */
    AudioWindow(Path file, int track) {
        this.file = file;
        this.track = track;
    }

    /** Where decoded samples go: mono, 16-bit, at {@link Chromaprint#SAMPLE_RATE}. */
    interface MonoSink {
        void take(short[] samples, int from, int count);
    }

    /**
     * The fingerprint of {@code seconds} of audio from {@code from} seconds after the track's
     * start (its first timestamp), cut at the sample.
     */
    Fingerprint fingerprint(double from, double seconds, Algorithm algorithm) {
        Chromaprint print = new Chromaprint(algorithm);
        double first = read(from, seconds, print::feed);
        return new Fingerprint(algorithm, first + print.droppedSamples() / (double) Chromaprint.SAMPLE_RATE,
                print.values(), print.quiet());
    }

    /**
     * Hands {@code sink} the samples of {@code seconds} of audio from {@code from} seconds after
     * the track's start; returns where the first one is on the source timeline (seconds).
     */
    double read(double from, double seconds, MonoSink sink) {
        try (MediaInput in = MediaInput.open(file)) {
            int index = in.audioStream(track);
            AVStream stream = in.stream(index);
            double origin = stream.start_time() == AV_NOPTS_VALUE ? 0 : Timestamps.seconds(stream.start_time(), stream.time_base());
            double begin = origin + Math.max(0, from);
            if (from > 0) in.seek(index, begin, index, begin);
            in.keepOnly(index);
            Cut cut = new Cut(sampleAt(begin), sampleAt(begin + seconds), sink);
            decode(in, index, stream, cut);
            long first = cut.firstFed == Long.MIN_VALUE ? cut.begin : cut.firstFed;
            return first / (double) Chromaprint.SAMPLE_RATE;
        }
    }

    private static long sampleAt(double seconds) {
        return Math.round(seconds * Chromaprint.SAMPLE_RATE);
    }

    private void decode(MediaInput in, int index, AVStream stream, Cut cut) {
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        // checked inside the try: the packet is freed when the frame cannot be had
        AVFrame frame = av_frame_alloc();
        try (Decoder decoder = new Decoder(stream, ctx -> {}, file)) {
            Av.checkAlloc(frame, "av_frame_alloc");
            while (!cut.done() && in.read(packet)) {
                try {
                    if (packet.stream_index() == index) decoder.send(packet);
                } finally {
                    av_packet_unref(packet);
                }
                drain(decoder, frame, stream, cut);
                // minutes of audio: a closing engine (its worker interrupted) stops between packets
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("Fingerprinting " + file + " stopped: the engine is closing");
                }
            }
            if (!cut.done()) {
                decoder.send(null);
                drain(decoder, frame, stream, cut);
                if (cut.resampler != null) cut.take(cut.resampler.convert(null));
            }
        } finally {
            // the cut holds the resampler from the moment it is made: freed even when its first frame fails
            if (cut.resampler != null) cut.resampler.close();
            if (frame != null) av_frame_free(frame);
            av_packet_free(packet);
        }
    }

    private static void drain(Decoder decoder, AVFrame frame, AVStream stream, Cut cut) {
        while (!cut.done() && decoder.receive(frame)) {
            try {
                if (cut.resampler == null) cut.resampler = new MonoResampler(frame, Chromaprint.SAMPLE_RATE);
                long ts = frame.best_effort_timestamp();
                // the first timed frame places the samples; later ones follow on
                if (cut.position == Long.MIN_VALUE && ts != AV_NOPTS_VALUE) {
                    cut.position = sampleAt(Timestamps.seconds(ts, stream.time_base()));
                }
                cut.take(cut.resampler.convert(frame));
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** The samples kept: those in [begin, end) on the source timeline, in samples at 11 025 Hz. */
    private static final class Cut {
        final long begin;
        final long end;
        final MonoSink sink;
        long position = Long.MIN_VALUE;
        long firstFed = Long.MIN_VALUE;
        /** Made from the first decoded frame; closed by {@code decode}. */
        MonoResampler resampler;

        Cut(long begin, long end, MonoSink sink) {
            this.begin = begin;
            this.end = end;
            this.sink = sink;
        }

        boolean done() {
            return position != Long.MIN_VALUE && position >= end;
        }

        void take(int count) {
            if (position == Long.MIN_VALUE) position = begin;
            long from = Math.max(position, begin);
            long to = Math.min(position + count, end);
            if (to > from) {
                if (firstFed == Long.MIN_VALUE) firstFed = from;
                sink.take(resampler.samples(), (int) (from - position), (int) (to - from));
            }
            position += count;
        }
    }
}
