package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse2;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_OPT_SEARCH_CHILDREN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_dict2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.encoding.EncoderSetup;
import org.kyoo.transcoder.engine.encoding.OutputCodec;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.codecs.FilterChain;

/**
 * What each device profile asks of libav, checked against this FFmpeg 8.1 build without a GPU: the
 * profiles are built on device contexts that are allocated but never opened, which is enough to
 * parse filter graphs and to check encoder options, though not to run them.
 */
class AcceleratedProfilesTest {
    @BeforeAll
    static void load() {
        Av.load();
    }

    /** A profile on an allocated, unopened device of its type. */
    static AcceleratedProfile unopened(String name) {
        return switch (name) {
            case "vaapi" -> new VaapiProfile(device(name, AV_HWDEVICE_TYPE_VAAPI));
            case "qsv" -> new QsvProfile(device(name, AV_HWDEVICE_TYPE_QSV), device(name, AV_HWDEVICE_TYPE_VAAPI));
            case "nvidia" -> new CudaProfile(device(name, AV_HWDEVICE_TYPE_CUDA));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static HardwareDevice device(String profile, int type) {
        return new HardwareDevice(profile, "unopened " + HardwareDevice.typeName(type),
                Av.checkAlloc(av_hwdevice_ctx_alloc(type), "av_hwdevice_ctx_alloc"));
    }

    /** Sources: 8-bit 1080p to 720p, 10-bit 4k to 1080p, odd 853x479 to 360p (width kept even). */
    static Stream<Arguments> filters() {
        int odd = Quality.P360.widthFor(853, 479);
        return Stream.of(
                Arguments.of("vaapi", 1280, 720, true, "scale_vaapi=1280:720:format=nv12"),
                Arguments.of("vaapi", 1280, 720, false, "format=nv12,hwupload,scale_vaapi=1280:720:format=nv12"),
                Arguments.of("vaapi", 1920, 1080, true, "scale_vaapi=1920:1080:format=nv12"),
                Arguments.of("vaapi", odd, 360, false, "format=nv12,hwupload,scale_vaapi=642:360:format=nv12"),
                Arguments.of("qsv", 1280, 720, true, "hwmap=derive_device=qsv,scale_qsv=1280:720:format=nv12"),
                Arguments.of("qsv", 1280, 720, false,
                        "format=nv12,hwupload=extra_hw_frames=64,scale_qsv=1280:720:format=nv12"),
                Arguments.of("qsv", odd, 360, false,
                        "format=nv12,hwupload=extra_hw_frames=64,scale_qsv=642:360:format=nv12"),
                Arguments.of("nvidia", 1280, 720, true, "scale_cuda=1280:720:format=nv12"),
                Arguments.of("nvidia", 1920, 1080, false, "format=nv12,hwupload,scale_cuda=1920:1080:format=nv12"),
                Arguments.of("nvidia", odd, 360, true, "scale_cuda=642:360:format=nv12"));
    }

    @ParameterizedTest(name = "{0} {1}x{2} on device {3}")
    @MethodSource("filters")
    void scaleFilterKeepsFramesOnTheDeviceOrUploadsSoftwareFrames(String name, int width, int height,
                                                                 boolean onDevice, String expected) {
        try (AcceleratedProfile profile = unopened(name)) {
            assertEquals(expected, profile.scaleFilter(width, height, onDevice));
        }
    }

    /**
     * Every filter and option named exists in this libavfilter, every filter gets the device before it
     * is initialised (hwupload refuses to initialise without one), and the chain links between a
     * buffer source and sink. Configuring the graph needs the real device, so it stops there.
     */
    @ParameterizedTest(name = "{0} {1}x{2} on device {3}")
    @MethodSource("filters")
    void filterChainsInitialiseWithTheDeviceBetweenSourceAndSink(String name, int width, int height, boolean onDevice,
                                                                String expected) {
        try (AcceleratedProfile profile = unopened(name)) {
            AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
            try {
                // A device-format source would need the decoder's frames context; formats meet only at config.
                AVFilterContext source = FilterChainTest.filter(graph, "buffer",
                        "video_size=1920x1080:pix_fmt=" + AV_PIX_FMT_YUV420P10LE + ":time_base=1/1000");
                AVFilterContext sink = FilterChainTest.filter(graph, "buffersink", null);
                FilterChain.insert(graph, profile.scaleFilter(width, height, onDevice), source, sink,
                        profile::configureFilters);
                assertEquals(2 + expected.split(",").length, graph.nb_filters());
                for (int i = 2; i < graph.nb_filters(); i++) {
                    assertFalse(graph.filters(i).hw_device_ctx().isNull(), graph.filters(i).name().getString());
                }
            } finally {
                avfilter_graph_free(graph);
            }
        }
    }

    /**
     * Frames on the device are deinterlaced and turned there too: with the device's own filters where
     * this FFmpeg has them, else (CUDA has no transpose filter) downloaded after scaling to the
     * unturned size, turned on the CPU and uploaded, so no picture reaches a player sideways or combed.
     */
    static Stream<Arguments> deviceChains() {
        return Stream.of(
                Arguments.of("nvidia", false, 0, "scale_cuda=1280:720:format=nv12"),
                Arguments.of("nvidia", true, 0,
                        "bwdif_cuda=mode=send_frame:parity=auto:deint=interlaced,scale_cuda=1280:720:format=nv12"),
                Arguments.of("nvidia", false, 90,
                        "scale_cuda=720:1280:format=nv12,hwdownload,format=nv12,transpose=clock,format=nv12,hwupload"),
                Arguments.of("nvidia", true, 270, "bwdif_cuda=mode=send_frame:parity=auto:deint=interlaced,"
                        + "scale_cuda=720:1280:format=nv12,hwdownload,format=nv12,transpose=cclock,format=nv12,hwupload"),
                Arguments.of("nvidia", false, 180,
                        "scale_cuda=1280:720:format=nv12,hwdownload,format=nv12,hflip,vflip,format=nv12,hwupload"),
                Arguments.of("vaapi", true, 90,
                        "deinterlace_vaapi=rate=frame:auto=1,transpose_vaapi=dir=clock,scale_vaapi=1280:720:format=nv12"),
                Arguments.of("vaapi", false, 180, "transpose_vaapi=dir=reversal,scale_vaapi=1280:720:format=nv12"),
                Arguments.of("vaapi", false, 270, "transpose_vaapi=dir=cclock,scale_vaapi=1280:720:format=nv12"),
                Arguments.of("qsv", true, 90, "hwmap=derive_device=qsv,deinterlace_qsv=mode=advanced,"
                        + "vpp_qsv=transpose=clock,scale_qsv=1280:720:format=nv12"),
                Arguments.of("qsv", false, 270,
                        "hwmap=derive_device=qsv,vpp_qsv=transpose=cclock,scale_qsv=1280:720:format=nv12"),
                Arguments.of("qsv", false, 0, "hwmap=derive_device=qsv,scale_qsv=1280:720:format=nv12"));
    }

    @ParameterizedTest(name = "{0} interlaced {1} turned {2}")
    @MethodSource("deviceChains")
    void deviceFramesAreDeinterlacedAndTurnedBeforeTheyReachTheEncoder(String name, boolean interlaced, int clockwise,
                                                                      String expected) {
        try (AcceleratedProfile profile = unopened(name)) {
            assertEquals(expected, profile.deviceFilter(1280, 720, interlaced, clockwise));
        }
    }

    /**
     * Every filter and option of the device chains exists in this build: each filter is created with
     * its options and handed the device. The graph is not configured (that needs frames on a device).
     */
    @ParameterizedTest(name = "{0} interlaced {1} turned {2}")
    @MethodSource("deviceChains")
    void deviceChainsAreMadeOfFiltersAndOptionsThisBuildHas(String name, boolean interlaced, int clockwise, String expected) {
        try (AcceleratedProfile profile = unopened(name)) {
            AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
            try {
                AVFilterContext source = FilterChainTest.filter(graph, "buffer",
                        "video_size=1920x1080:pix_fmt=" + AV_PIX_FMT_YUV420P10LE + ":time_base=1/1000");
                AVFilterContext sink = FilterChainTest.filter(graph, "buffersink", null);
                FilterChain.insert(graph, profile.deviceFilter(1280, 720, interlaced, clockwise), source, sink,
                        profile::configureFilters);
                assertEquals(2 + expected.split(",").length, graph.nb_filters());
            } finally {
                avfilter_graph_free(graph);
            }
        }
    }

    @Test
    void onlyQuarterTurnsAreAccepted() {
        try (AcceleratedProfile profile = unopened("nvidia")) {
            assertThrows(IllegalArgumentException.class, () -> profile.deviceFilter(1280, 720, false, 45));
        }
    }

    /**
     * Why {@link FilterChain} exists: {@code avfilter_graph_parse2} initialises hwupload as it creates
     * it, before anyone could give it the device, and FFmpeg 8 refuses that.
     */
    @Test
    void anUploadChainCannotBeParsedInOneStep() {
        try (AcceleratedProfile profile = unopened("vaapi")) {
            AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
            AVFilterInOut inputs = new AVFilterInOut(null);
            AVFilterInOut outputs = new AVFilterInOut(null);
            try {
                // AVERROR(EINVAL): "A hardware device reference is required to upload frames to."
                assertEquals(-22, avfilter_graph_parse2(graph, profile.scaleFilter(1280, 720, false),
                        inputs, outputs));
            } finally {
                avfilter_inout_free(inputs);
                avfilter_inout_free(outputs);
                avfilter_graph_free(graph);
            }
        }
    }

    @Test
    void scaleTargetMustBePositive() {
        try (AcceleratedProfile profile = unopened("vaapi")) {
            assertThrows(IllegalArgumentException.class, () -> profile.scaleFilter(0, 720, true));
        }
    }

    @Test
    void scaleTargetMustBeEvenForNv12() {
        for (String name : List.of("vaapi", "qsv", "nvidia")) {
            try (AcceleratedProfile profile = unopened(name)) {
                assertThrows(IllegalArgumentException.class, () -> profile.scaleFilter(377, 382, true), name);
                assertThrows(IllegalArgumentException.class, () -> profile.deviceFilter(378, 381, true, 90), name);
            }
        }
    }

    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of("vaapi", "h264_vaapi", AV_PIX_FMT_VAAPI, "fast", Map.of("profile", "high")),
                Arguments.of("qsv", "h264_qsv", AV_PIX_FMT_QSV, "fast",
                        Map.of("preset", "fast", "forced_idr", "1", "adaptive_i", "0", "profile", "high")),
                Arguments.of("qsv", "h264_qsv", AV_PIX_FMT_QSV, "ultrafast",
                        Map.of("preset", "veryfast", "forced_idr", "1", "adaptive_i", "0", "profile", "high")),
                Arguments.of("nvidia", "h264_nvenc", AV_PIX_FMT_CUDA, "fast",
                        Map.of("preset", "fast", "no-scenecut", "1", "forced-idr", "1", "profile", "high")),
                Arguments.of("nvidia", "h264_nvenc", AV_PIX_FMT_CUDA, "veryfast",
                        Map.of("preset", "p1", "no-scenecut", "1", "forced-idr", "1", "profile", "high")),
                Arguments.of("nvidia", "h264_nvenc", AV_PIX_FMT_CUDA, null,
                        Map.of("no-scenecut", "1", "forced-idr", "1", "profile", "high")));
    }

    /**
     * The encoder exists in this build and reads the profile's device frames; every private option
     * the profile sets is one the encoder has, with a value it accepts (av_opt_set_dict2 consumes
     * exactly the entries it applied); the rates are the quality's.
     */
    @ParameterizedTest(name = "{0} preset {3}")
    @MethodSource("encoders")
    void encoderIsConfiguredWithOptionsItKnows(String name, String encoderName, int devicePixelFormat, String preset,
                                              Map<String, String> expectedOptions) {
        try (AcceleratedProfile profile = unopened(name)) {
            assertEquals(encoderName, profile.encoderName());
            assertEquals(devicePixelFormat, profile.encodePixelFormat());
            AVCodec codec = avcodec_find_encoder_by_name(encoderName);
            assertNotNull(codec, encoderName);
            assertTrue(pixelFormats(codec).contains(devicePixelFormat), encoderName + " reads device frames");

            AVCodecContext encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            AVDictionary options = new AVDictionary(null);
            try {
                profile.configureEncoder(encoder, Quality.P720, preset, options);
                assertEquals(2_400_000, encoder.bit_rate());
                assertEquals(4_000_000, encoder.rc_max_rate());
                assertEquals(20_000_000, encoder.rc_buffer_size());
                assertEquals(expectedOptions, entries(options));
                Av.check(av_opt_set_dict2(encoder, options, AV_OPT_SEARCH_CHILDREN), "av_opt_set_dict2");
                assertEquals(0, av_dict_count(options), "options the encoder does not know: " + entries(options));
            } finally {
                av_dict_free(options);
                avcodec_free_context(encoder);
            }
        }
    }

    /** Each device names its encoder per output codec; one it has none for stops the start-up, naming both. */
    @Test
    void aDeviceNamesItsEncoderForEachOutputCodec() {
        OutputCodec av1 = new OutputCodec() {
            @Override public String codecString() { return "av01.0.08M.08"; }
            @Override public boolean sameProfile(String codecString) { return false; }
            @Override public String encoderProfile() { return "main"; }
            @Override public EncoderSetup softwareEncoder() { throw new UnsupportedOperationException(); }
            @Override public List<String> softwarePresets() { return List.of(); }
            @Override public String toString() { return "AV1"; }
        };
        Map<String, String> h264 = Map.of("vaapi", "h264_vaapi", "qsv", "h264_qsv", "nvidia", "h264_nvenc");
        for (var e : h264.entrySet()) {
            try (AcceleratedProfile profile = unopened(e.getKey())) {
                assertEquals(e.getValue(), profile.encoder(OutputCodec.H264).name());
                var error = assertThrows(HardwareProfileException.class, () -> profile.encoder(av1));
                assertEquals("Hardware profile " + e.getKey() + " has no encoder for AV1.", error.getMessage());
            }
        }
    }

    @Test
    void everyProfileMarksTheSegmentsFirstFrameAsAnIntraRequest() {
        for (String name : List.of("vaapi", "qsv", "nvidia")) {
            try (AcceleratedProfile profile = unopened(name)) {
                AVFrame frame = av_frame_alloc();
                try {
                    profile.forceKeyframe(frame);
                    assertEquals(AV_PICTURE_TYPE_I, frame.pict_type(), name);
                } finally {
                    av_frame_free(frame);
                }
            }
        }
    }

    /** QSV decodes on its VAAPI child: the native decoders have VAAPI and CUDA hwaccels, not QSV. */
    @Test
    void decodersGetTheDeviceAndTheFormatCallback() {
        Map<String, Integer> decodeFormats = Map.of("vaapi", AV_PIX_FMT_VAAPI, "qsv", AV_PIX_FMT_VAAPI,
                "nvidia", AV_PIX_FMT_CUDA);
        for (var e : decodeFormats.entrySet()) {
            try (AcceleratedProfile profile = unopened(e.getKey())) {
                assertEquals((int) e.getValue(), profile.decodePixelFormat(), e.getKey());
                AVCodecContext decoder = avcodec_alloc_context3(avcodec_find_decoder_by_name("h264"));
                try {
                    profile.configureDecoder(decoder);
                    assertFalse(decoder.hw_device_ctx().isNull(), e.getKey());
                    assertFalse(decoder.get_format().isNull(), e.getKey());
                    // the deinterlacers' past and future frames come on top of VAAPI's and QSV's fixed pools;
                    // NVDEC's pool is its decode surfaces, which libav keeps under 32
                    if (e.getKey().equals("nvidia")) assertEquals(0, decoder.extra_hw_frames(), e.getKey());
                    else assertTrue(decoder.extra_hw_frames() >= 4, e.getKey() + " extra_hw_frames " + decoder.extra_hw_frames());
                } finally {
                    avcodec_free_context(decoder);
                }
            }
        }
    }

    @Test
    void presetsFollowTheEncodersOwnNames() {
        assertEquals("fast", EncoderPresets.nvenc("fast"));
        assertEquals("p1", EncoderPresets.nvenc("veryfast"));
        assertEquals("p7", EncoderPresets.nvenc("veryslow"));
        assertEquals("p5", EncoderPresets.nvenc("p5"));
        assertEquals("veryfast", EncoderPresets.qsv("superfast"));
        assertEquals("slow", EncoderPresets.qsv("slow"));
        var e = assertThrows(IllegalArgumentException.class, () -> EncoderPresets.qsv("turbo"));
        assertTrue(e.getMessage().startsWith("Unknown preset \"turbo\" for h264_qsv"), e.getMessage());
    }

    private static List<Integer> pixelFormats(AVCodec codec) {
        List<Integer> formats = new ArrayList<>();
        IntPointer list = codec.pix_fmts();
        for (long i = 0; list != null && !list.isNull() && list.get(i) != AV_PIX_FMT_NONE; i++) formats.add(list.get(i));
        return formats;
    }

    private static Map<String, String> entries(AVDictionary dict) {
        Map<String, String> map = new java.util.HashMap<>();
        AVDictionaryEntry entry = null;
        while ((entry = av_dict_get(dict, "", entry, org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX)) != null
                && !entry.isNull()) {
            map.put(entry.key().getString(), entry.value().getString());
        }
        return map;
    }
}
