package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;

class ResamplerTest {
    private static AVFrame audio(int rate, int channels, int format, int samples) {
        AVFrame f = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        f.format(format).sample_rate(rate).nb_samples(samples);
        av_channel_layout_default(f.ch_layout(), channels);
        Av.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer");
        av_samples_set_silence(f.extended_data(), 0, samples, channels, format);
        return f;
    }

    /**
     * A broadcast switching stereo → 5.1 → mono at another rate and sample format (ad breaks,
     * channel changes in a recording) keeps giving the encoder stereo at the first rate, with as
     * many samples as the input lasted: the audio plays on through every switch.
     */
    @Test
    void aLayoutRateOrFormatChangeMidStreamStillGivesContinuousStereoAtTheFirstRate() {
        Av.load();
        AVFrame stereo = audio(48000, 2, AV_SAMPLE_FMT_FLTP, 1024);
        AVFrame surround = audio(48000, 6, AV_SAMPLE_FMT_FLTP, 1024);
        AVFrame mono = audio(44100, 1, AV_SAMPLE_FMT_S16, 1024);
        AVFrame out = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        long samples = 0;
        try (Resampler resampler = new Resampler(stereo)) {
            AVFrame[] input = {stereo, stereo, surround, surround, stereo, mono, mono, mono, surround};
            for (AVFrame in : input) {
                resampler.convert(in, out);
                assertEquals(2, out.ch_layout().nb_channels());
                assertEquals(48000, out.sample_rate());
                assertEquals(AV_SAMPLE_FMT_FLTP, out.format());
                samples += out.nb_samples();
                av_frame_unref(out);
            }
            resampler.convert(null, out);
            samples += out.nb_samples();
            av_frame_unref(out);
        } finally {
            av_frame_free(out);
            av_frame_free(stereo);
            av_frame_free(surround);
            av_frame_free(mono);
        }
        long expected = 6 * 1024 + Math.round(3 * 1024 * 48000.0 / 44100);
        // only the few samples a rebuilt resampler held back at a switch may be missing
        assertTrue(Math.abs(samples - expected) < 200, samples + " samples out, " + expected + " in");
    }
}
