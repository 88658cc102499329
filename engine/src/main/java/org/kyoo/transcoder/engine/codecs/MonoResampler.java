package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INPUT_CHANGED;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_double;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * Converts decoded audio to mono 16-bit samples at a fixed rate, with the resampler settings
 * Chromaprint's {@code fpcalc} gives libswresample (filter of 16 taps, 8 phase bits, linear
 * interpolation, cutoff 0.8), so the samples an audio fingerprint is computed from are the ones
 * {@code fpcalc} would compute it from.
 */
public final class MonoResampler implements AutoCloseable {
    private SwrContext swr;
    private final AVChannelLayout mono = new AVChannelLayout();
    private final AVFrame out = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    private final int rate;
    private short[] samples = new short[8192];

    /** Set up from the first decoded frame: only a frame tells the real layout, format and rate. */
    public MonoResampler(AVFrame first, int rate) {
        this.rate = rate;
        av_channel_layout_default(mono, 1);
        try {
            open(first);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(AVFrame first) {
        if (first.sample_rate() <= 0 || first.ch_layout().nb_channels() <= 0 || first.format() < 0) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Decoded audio frame without rate or channels");
        }
        giveLayout(first);
        SwrContext ctx = new SwrContext(null);
        Av.check(swr_alloc_set_opts2(ctx, mono, AV_SAMPLE_FMT_S16, rate,
                first.ch_layout(), first.format(), first.sample_rate(), 0, null), "swr_alloc_set_opts2");
        swr = ctx;
        // fpcalc's "compatible mode" (its FFmpegAudioProcessor::SetCompatibleMode)
        Av.check(av_opt_set_int(swr, "filter_size", 16, 0), "av_opt_set_int filter_size");
        Av.check(av_opt_set_int(swr, "phase_shift", 8, 0), "av_opt_set_int phase_shift");
        Av.check(av_opt_set_int(swr, "linear_interp", 1, 0), "av_opt_set_int linear_interp");
        Av.check(av_opt_set_double(swr, "cutoff", 0.8, 0), "av_opt_set_double cutoff");
        Av.check(swr_init(swr), "swr_init");
    }

    /** A layout with only a channel count (some containers) gets the usual one for that count. */
    private static void giveLayout(AVFrame frame) {
        if (frame.ch_layout().order() != AV_CHANNEL_ORDER_UNSPEC) return;
        int channels = frame.ch_layout().nb_channels();
        av_channel_layout_uninit(frame.ch_layout());
        av_channel_layout_default(frame.ch_layout(), channels);
    }

    public int rate() {
        return rate;
    }

    /**
     * Converts {@code in} (null: flush what the filter holds back) and returns how many samples
     * {@link #samples()} now holds. A frame whose layout, format or rate changed (a broadcast
     * switching between stereo and 5.1) rebuilds the conversion; its few delayed samples are lost.
     */
    public int convert(AVFrame in) {
        if (in != null) giveLayout(in);
        try {
            prepareOutput();
            int rc = swr_convert_frame(swr, out, in);
            if (in != null && rc < 0 && (rc & AVERROR_INPUT_CHANGED) == AVERROR_INPUT_CHANGED) {
                swr_free(swr);
                swr = null;
                open(in);
                av_frame_unref(out);
                prepareOutput();
                rc = swr_convert_frame(swr, out, in);
            }
            Av.check(rc, "swr_convert_frame");
            int count = out.nb_samples();
            if (samples.length < count) samples = new short[Math.max(count, samples.length * 2)];
            if (count > 0) out.data(0).position(0).capacity(2L * count).asByteBuffer()
                    .order(java.nio.ByteOrder.nativeOrder()).asShortBuffer().get(samples, 0, count);
            return count;
        } finally {
            av_frame_unref(out);
        }
    }

    private void prepareOutput() {
        out.format(AV_SAMPLE_FMT_S16).sample_rate(rate);
        Av.check(av_channel_layout_copy(out.ch_layout(), mono), "av_channel_layout_copy");
    }

    /** The samples of the last {@link #convert}; valid until the next call. */
    public short[] samples() {
        return samples;
    }

    @Override
    public void close() {
        if (swr != null) swr_free(swr);
        swr = null;
        av_frame_free(out);
        av_channel_layout_uninit(mono);
    }
}
