package org.kyoo.transcoder.engine.encoding;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.media.Quality;

/** Which encoder, preset and options a segment is opened with. */
class VideoEncodingTest {
    /** An encoder whose parameter sets cannot be set: as the device ones. */
    private static final EncoderSetup DEVICE = new EncoderSetup() {
        @Override
        public String name() {
            return "h264_device";
        }

        @Override
        public void configure(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {}
    };

    /** A machine with {@code encoder} for every codec; null: on the CPU, with the codec's own encoder. */
    private static VideoEncoders machine(EncoderSetup encoder) {
        return new VideoEncoders() {
            @Override
            public boolean encodesOnDevice() {
                return encoder != null;
            }

            @Override
            public EncoderSetup encoder(OutputCodec codec) {
                return encoder == null ? codec.softwareEncoder() : encoder;
            }
        };
    }

    private static Encoder open(EncoderChoice choice) {
        return new Encoder(choice.encoderName(), (ctx, options) -> {
            ctx.width(1280).height(720).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, 24)).framerate(av_make_q(24, 1));
            choice.configure(ctx, Quality.P720, options);
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        });
    }

    @Test
    void selfContainedSegmentsTakeThePresetTheirHeadAsksFor() {
        VideoEncoding encoding = new VideoEncoding(OutputCodec.H264, machine(null));
        EncoderChoice choice = encoding.choose("superfast", "fast", false, "720p", c -> {
            throw new AssertionError("nothing to compare without a shared init");
        });
        assertEquals("libx264", choice.encoderName());
        assertEquals("superfast", choice.preset());
        assertEquals(Map.of(), choice.extraOptions());
        assertEquals("fast", encoding.choose("fast", null, true, "720p", c -> null).preset(), "the steady preset itself");
    }

    @Test
    void aQuickerX264PresetInFmp4WritesTheSteadyPresetsParameterSets() {
        Av.load();
        AtomicInteger opened = new AtomicInteger();
        EncoderChoice choice = new VideoEncoding(OutputCodec.H264, machine(null)).choose("superfast", "fast", true,
                "720p video encoding test " + System.nanoTime(), c -> {
                    opened.incrementAndGet();
                    return open(c);
                });
        assertEquals("superfast", choice.preset());
        assertEquals(Map.of("x264-params", "ref=2:chroma-qp-offset=-2"), choice.extraOptions());
        assertEquals(2, opened.get(), "the steady preset's encoder, then the quick one's");
    }

    @Test
    void anEncoderThatCannotMatchParameterSetsKeepsTheSteadyPresetInFmp4() {
        EncoderChoice choice = new VideoEncoding(OutputCodec.H264, machine(DEVICE)).choose("superfast", "fast", true, "720p", c -> {
            throw new AssertionError("no encoder to compare");
        });
        assertSame(DEVICE, choice.encoder());
        assertEquals("fast", choice.preset());
        assertEquals(Map.of(), choice.extraOptions());
    }
}
