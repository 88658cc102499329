package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VULKAN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;

class DecoderFormatSelectorTest {
    @BeforeAll
    static void load() {
        Av.load();
    }

    @Test
    void theDeviceFormatIsTakenWhenOffered() {
        int[] offered = {AV_PIX_FMT_VAAPI, AV_PIX_FMT_CUDA, AV_PIX_FMT_YUV420P};
        assertEquals(new DecoderFormatSelector.Choice(AV_PIX_FMT_VAAPI, true),
                DecoderFormatSelector.choose(offered, AV_PIX_FMT_VAAPI));
        assertEquals(new DecoderFormatSelector.Choice(AV_PIX_FMT_CUDA, true),
                DecoderFormatSelector.choose(offered, AV_PIX_FMT_CUDA));
    }

    @Test
    void withoutTheDeviceFormatTheFirstSoftwareFormatIsTaken() {
        assertEquals(new DecoderFormatSelector.Choice(AV_PIX_FMT_YUV420P10LE, false),
                DecoderFormatSelector.choose(new int[] {AV_PIX_FMT_VULKAN, AV_PIX_FMT_YUV420P10LE}, AV_PIX_FMT_VAAPI));
        assertEquals(new DecoderFormatSelector.Choice(AV_PIX_FMT_YUV420P, false),
                DecoderFormatSelector.choose(new int[] {AV_PIX_FMT_VAAPI, AV_PIX_FMT_YUV420P}, AV_PIX_FMT_QSV));
        assertEquals(new DecoderFormatSelector.Choice(AV_PIX_FMT_NONE, false),
                DecoderFormatSelector.choose(new int[] {AV_PIX_FMT_VULKAN}, AV_PIX_FMT_CUDA));
    }

    @Test
    void aSoftwareDecodeIsReportedOncePerKindOfStream() {
        var selector = new DecoderFormatSelector("vaapi", AV_PIX_FMT_VAAPI);
        try {
            assertTrue(selector.reportSoftwareDecode("h264 yuv420p10le 64x48 (profile 110)"));
            assertFalse(selector.reportSoftwareDecode("h264 yuv420p10le 64x48 (profile 110)"));
            assertTrue(selector.reportSoftwareDecode("hevc yuv420p10le 64x48 (profile 2)"));
        } finally {
            selector.deallocate();
        }
    }

    /** What libavcodec offered and what the decoded frames were. */
    record Decoded(List<int[]> offers, int frameFormat, int frames) {
        boolean everOffered(int format) {
            return offers.stream().anyMatch(o -> Arrays.stream(o).anyMatch(f -> f == format));
        }
    }

    /** Records each offer, then answers as the profile would. */
    private static final class RecordingSelector extends DecoderFormatSelector {
        final List<int[]> offers = new ArrayList<>();

        RecordingSelector(int devicePixelFormat) {
            super("test", devicePixelFormat);
        }

        @Override
        public int call(AVCodecContext decoder, IntPointer formats) {
            offers.add(offered(formats));
            return super.call(decoder, formats);
        }
    }

    /**
     * Decodes real streams with a profile's callback and no device: libavcodec offers the hardware
     * format only for what its hwaccels handle, and when a chosen one cannot start (here, no device;
     * on a GPU, a driver without that profile) it asks again without it and the stream decodes in
     * software, which is the case the upload chain is for.
     */
    private static Decoded decode(String encoder, String decoderName, int pixelFormat, int devicePixelFormat) {
        try (EncodedPictures pictures = new EncodedPictures(encoder, pixelFormat, 64, 48, 3)) {
            var selector = new RecordingSelector(devicePixelFormat);
            AVCodecContext decoder = avcodec_alloc_context3(avcodec_find_decoder_by_name(decoderName));
            AVFrame frame = av_frame_alloc();
            try {
                decoder.get_format(selector);
                Av.check(avcodec_open2(decoder, decoder.codec(), (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                        "avcodec_open2");
                int frames = 0, format = AV_PIX_FMT_NONE;
                for (AVPacket packet : pictures.packets()) {
                    Av.check(avcodec_send_packet(decoder, packet), "avcodec_send_packet");
                    while (avcodec_receive_frame(decoder, frame) >= 0) { frames++; format = frame.format(); }
                }
                Av.check(avcodec_send_packet(decoder, null), "avcodec_send_packet flush");
                int rc;
                while ((rc = avcodec_receive_frame(decoder, frame)) >= 0) { frames++; format = frame.format(); }
                assertEquals(AVERROR_EOF, rc);
                return new Decoded(selector.offers, format, frames);
            } finally {
                av_frame_free(frame);
                avcodec_free_context(decoder);
                selector.deallocate();
            }
        }
    }

    /** The first offer holds the device format; the second, after the device could not start, does not. */
    private static void assertDeviceTriedThenDropped(Decoded decoded, int deviceFormat) {
        assertTrue(decoded.offers().size() >= 2, "offers: " + decoded.offers().size());
        assertTrue(Arrays.stream(decoded.offers().get(0)).anyMatch(f -> f == deviceFormat));
        assertFalse(Arrays.stream(decoded.offers().get(decoded.offers().size() - 1)).anyMatch(f -> f == deviceFormat));
    }

    @Test
    void eightBitH264TakesTheVaapiFormatAndFallsBackToSoftwareWhenTheDeviceCannotStart() {
        Decoded decoded = decode("libx264", "h264", AV_PIX_FMT_YUV420P, AV_PIX_FMT_VAAPI);
        assertDeviceTriedThenDropped(decoded, AV_PIX_FMT_VAAPI);
        assertEquals(AV_PIX_FMT_YUV420P, decoded.frameFormat());
        assertEquals(3, decoded.frames());
    }

    /**
     * FFmpeg 8.1 offers CUDA (and VAAPI) for H.264 High 10 although NVDEC cannot decode it: the
     * refusal comes from the device, and the stream then decodes in software, still 10-bit.
     */
    @Test
    void tenBitH264FallsBackToSoftwareWhenTheDeviceRefusesIt() {
        Decoded decoded = decode("libx264", "h264", AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_CUDA);
        assertDeviceTriedThenDropped(decoded, AV_PIX_FMT_CUDA);
        assertEquals(AV_PIX_FMT_YUV420P10LE, decoded.frameFormat());
        assertEquals(3, decoded.frames());
    }

    /** HEVC Main 10 has device paths, so on a GPU it stays on the device. */
    @Test
    void tenBitHevcIsOfferedToTheDevice() {
        Decoded decoded = decode("libx265", "hevc", AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_VAAPI);
        assertDeviceTriedThenDropped(decoded, AV_PIX_FMT_VAAPI);
        assertEquals(AV_PIX_FMT_YUV420P10LE, decoded.frameFormat());
    }

    /** A decoder with no hwaccel for the device never asks: the profile knows it when configuring it. */
    @Test
    void aCodecWithoutDevicePathNeverReachesTheCallback() {
        assertTrue(DecoderFormatSelector.hasDevicePath(avcodec_find_decoder_by_name("h264"), AV_HWDEVICE_TYPE_VAAPI));
        assertTrue(DecoderFormatSelector.hasDevicePath(avcodec_find_decoder_by_name("hevc"), AV_HWDEVICE_TYPE_CUDA));
        assertFalse(DecoderFormatSelector.hasDevicePath(avcodec_find_decoder_by_name("prores"), AV_HWDEVICE_TYPE_VAAPI));
        assertFalse(DecoderFormatSelector.hasDevicePath(avcodec_find_decoder_by_name("h264"), AV_HWDEVICE_TYPE_QSV));

        Decoded decoded = decode("prores_ks", "prores", AV_PIX_FMT_YUV422P10LE, AV_PIX_FMT_VAAPI);
        assertTrue(decoded.offers().isEmpty());
        assertEquals(AV_PIX_FMT_YUV422P10LE, decoded.frameFormat());
    }
}
