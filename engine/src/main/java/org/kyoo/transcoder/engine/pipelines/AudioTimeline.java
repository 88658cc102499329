package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_drain;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_peek_at;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;

import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Stereo planar float samples placed on the source timeline: sample s sits at s / rate seconds.
 * Segments are cut from it at exact sample positions, so encoder frames start where segments do.
 */
final class AudioTimeline implements AutoCloseable {
    private static final int CHANNELS = 2;
    private static final int SILENCE_CHUNK = 4096;

    private AVAudioFifo fifo;
    private final AVFrame silence;
    private final int rate;
    /** Position of the FIFO's first sample; Long.MIN_VALUE until the first write. */
    private long first = Long.MIN_VALUE;
    /** Samples before this are never needed. */
    private final long keepFrom;

    AudioTimeline(int rate, long keepFrom) {
        this.rate = rate;
        this.keepFrom = keepFrom;
        fifo = Av.checkAlloc(av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, CHANNELS, rate), "av_audio_fifo_alloc");
        silence = av_frame_alloc();
        try {
            Av.checkAlloc(silence, "av_frame_alloc");
            silence.format(AV_SAMPLE_FMT_FLTP).sample_rate(rate).nb_samples(SILENCE_CHUNK);
            av_channel_layout_default(silence.ch_layout(), CHANNELS);
            Av.check(av_frame_get_buffer(silence, 0), "av_frame_get_buffer");
            Av.check(av_samples_set_silence(silence.extended_data(), 0, SILENCE_CHUNK, CHANNELS, AV_SAMPLE_FMT_FLTP), "av_samples_set_silence");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int rate() {
        return rate;
    }

    /** Gaps up to this long are filled with silence; longer ones are discontinuities, played through. */
    static final int MAX_GAP_SECONDS = 30;

    private long maxGap() {
        return (long) MAX_GAP_SECONDS * rate;
    }

    /** One past the last sample held (or {@code keepFrom} before any write). */
    long end() {
        return first == Long.MIN_VALUE ? keepFrom : first + av_audio_fifo_size(fifo);
    }

    /**
     * Appends converted samples whose first one belongs at {@code position} (null: keep on after the
     * previous ones). A small jitter is ignored; a real gap becomes silence, an overlap is dropped.
     */
    void append(AVFrame samples, Long position) {
        int count = samples.nb_samples();
        if (count <= 0) return;
        if (first == Long.MIN_VALUE) {
            first = keepFrom;
            // a stream starting after the segment: silence up to its first sample
            if (position != null && position > keepFrom && position - keepFrom <= maxGap()) padTo(position);
        } else if (position != null) {
            long expected = end();
            long tolerance = rate / 20;
            // A jump of more than MAX_GAP_SECONDS is a timestamp discontinuity (broadcast recordings
            // have them), not a silence to fill: padding it would hold gigabytes of zeros in memory.
            if (position > expected + tolerance && position - expected <= maxGap()) padTo(position);
            else if (position + count < expected - tolerance) return;
        }
        Av.check(av_audio_fifo_write(fifo, samples.extended_data(), count), "av_audio_fifo_write");
        discardBefore(keepFrom);
    }

    /** Silence up to {@code position}. */
    void padTo(long position) {
        if (first == Long.MIN_VALUE) first = keepFrom;
        while (end() < position) {
            int count = (int) Math.min(SILENCE_CHUNK, position - end());
            Av.check(av_audio_fifo_write(fifo, silence.extended_data(), count), "av_audio_fifo_write");
        }
    }

    /** Copies {@code count} samples from {@code position} into {@code frame}; missing ones are silence. */
    void read(AVFrame frame, long position, int count) {
        Av.check(av_samples_set_silence(frame.extended_data(), 0, count, CHANNELS, AV_SAMPLE_FMT_FLTP), "av_samples_set_silence");
        long offset = position - first;
        if (first == Long.MIN_VALUE || offset < 0) return;
        int available = (int) Math.min(count, av_audio_fifo_size(fifo) - offset);
        if (available > 0) {
            Av.check(av_audio_fifo_peek_at(fifo, frame.extended_data(), available, (int) offset), "av_audio_fifo_peek_at");
        }
    }

    /** Forgets samples before {@code position}. */
    void discardBefore(long position) {
        if (first == Long.MIN_VALUE) return;
        long drop = Math.min(position - first, av_audio_fifo_size(fifo));
        if (drop > 0) {
            Av.check(av_audio_fifo_drain(fifo, (int) drop), "av_audio_fifo_drain");
            first += drop;
        }
        if (first < position) first = position;
    }

    @Override
    public void close() {
        if (fifo != null) av_audio_fifo_free(fifo);
        fifo = null;
        av_frame_free(silence);
    }
}
