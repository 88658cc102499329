package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;

class AudioTimelineTest {
    private static final int RATE = 48000;
    private AVFrame frame;

    @BeforeEach
    void frame() {
        Av.load();
        frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        frame.format(AV_SAMPLE_FMT_FLTP).sample_rate(RATE).nb_samples(1024);
        av_channel_layout_default(frame.ch_layout(), 2);
        Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
        av_samples_set_silence(frame.extended_data(), 0, 1024, 2, AV_SAMPLE_FMT_FLTP);
    }

    @AfterEach
    void free() {
        av_frame_free(frame);
    }

    @Test
    void aShortGapBecomesSilenceSoLaterSamplesKeepTheirPlace() {
        try (AudioTimeline t = new AudioTimeline(RATE, 0)) {
            t.append(frame, 0L);
            t.append(frame, 2L * RATE);
            assertEquals(2L * RATE + 1024, t.end());
        }
    }

    @Test
    void aTimestampJumpOfMinutesIsPlayedThroughNotFilledWithSilenceInMemory() {
        try (AudioTimeline t = new AudioTimeline(RATE, 0)) {
            t.append(frame, 0L);
            // an MPEG-TS discontinuity of ten minutes: 230 MB of zeros if it were padded
            t.append(frame, 600L * RATE);
            assertEquals(2048, t.end());
        }
    }
}
