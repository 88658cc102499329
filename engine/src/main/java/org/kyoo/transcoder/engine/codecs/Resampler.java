package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INPUT_CHANGED;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/** Converts decoded audio to what the AAC encoder takes: planar float stereo (5.1 is downmixed). */
public final class Resampler implements AutoCloseable {
    /** Rates the AAC encoder accepts; others are resampled to 48 kHz. */
    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    private SwrContext swr;
    private final AVChannelLayout stereo = new AVChannelLayout();
    /** Fixed for the life of the resampler: the AAC encoders and the timeline are made for it. */
    private final int outputRate;

    /** Set up from the first decoded frame: without a probe, only a frame tells the real layout and rate. */
    public Resampler(AVFrame first) {
        giveLayout(first);
        this.outputRate = aacRate(first.sample_rate());
        av_channel_layout_default(stereo, 2);
        open(first);
    }

    /** (Re)builds the conversion for {@code first}'s layout, format and rate, to the fixed output rate. */
    private void open(AVFrame first) {
        if (first.sample_rate() <= 0 || first.ch_layout().nb_channels() <= 0 || first.format() < 0) {
            close();
            throw new MediaException(MediaException.Kind.UNREADABLE, "Decoded audio frame without rate or channels");
        }
        AVChannelLayout input = new AVChannelLayout();
        try {
            // a layout with only a channel count (some containers) gets the usual one for that count
            if (first.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(input, first.ch_layout().nb_channels());
            else Av.check(av_channel_layout_copy(input, first.ch_layout()), "av_channel_layout_copy");
            SwrContext ctx = new SwrContext(null);
            Av.check(swr_alloc_set_opts2(ctx, stereo, AV_SAMPLE_FMT_FLTP, outputRate,
                    input, first.format(), first.sample_rate(), 0, null), "swr_alloc_set_opts2");
            swr = ctx;
            Av.check(swr_init(swr), "swr_init");
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            av_channel_layout_uninit(input);
        }
    }

    /**
     * A frame whose layout has only a channel count (WMA, some containers) gets the usual layout for
     * that count, the one the conversion was built with: swr compares layouts frame by frame and
     * would otherwise call every frame a change.
     */
    private static void giveLayout(AVFrame frame) {
        if (frame.ch_layout().order() != AV_CHANNEL_ORDER_UNSPEC) return;
        int channels = frame.ch_layout().nb_channels();
        av_channel_layout_uninit(frame.ch_layout());
        av_channel_layout_default(frame.ch_layout(), channels);
    }

    public static int aacRate(int rate) {
        for (int r : AAC_RATES) if (r == rate) return rate;
        return 48000;
    }

    public int outputRate() {
        return outputRate;
    }

    /**
     * Converts {@code in} (null: flush the resampler's delay) into {@code out}, which gets fresh
     * buffers. A frame whose layout, format or rate differs from the previous ones (broadcasts switch
     * stereo and 5.1 around ad breaks) rebuilds the conversion, still to the same output rate, so the
     * AAC encoder and the timeline carry on; the old conversion's few delayed samples are dropped.
     */
    public void convert(AVFrame in, AVFrame out) {
        if (in != null) giveLayout(in);
        out.format(AV_SAMPLE_FMT_FLTP).sample_rate(outputRate);
        Av.check(av_channel_layout_copy(out.ch_layout(), stereo), "av_channel_layout_copy");
        int rc = swr_convert_frame(swr, out, in);
        if (in != null && (rc & AVERROR_INPUT_CHANGED) == AVERROR_INPUT_CHANGED && rc < 0) {
            swr_free(swr);
            swr = null;
            open(in);
            rc = swr_convert_frame(swr, out, in);
        }
        Av.check(rc, "swr_convert_frame");
    }

    @Override
    public void close() {
        if (swr != null) swr_free(swr);
        swr = null;
        av_channel_layout_uninit(stereo);
    }
}
