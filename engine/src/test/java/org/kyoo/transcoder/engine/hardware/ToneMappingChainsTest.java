package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT2020;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.FilterChain;
import org.kyoo.transcoder.engine.hdr.LightLevels;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.hdr.Transfer;

/**
 * How each device profile tone-maps an HDR source, checked against this FFmpeg 8.1 build without
 * a GPU (as {@link AcceleratedProfilesTest}): VAAPI with {@code tonemap_vaapi}, QSV with
 * {@code vpp_qsv}'s {@code tonemap}, both on 10-bit scaled frames; CUDA, for which FFmpeg has no
 * tone-mapping filter, downloads its scaled P010 frames and tone-maps them on the CPU. Every filter
 * and option exists in this build and initialises with an unopened device; running them needs the GPU.
 */
class ToneMappingChainsTest {
    private static final ToneMap PQ = new ToneMap(new SourceColours(Transfer.PQ, AVCOL_PRI_BT2020, AVCOL_SPC_BT2020_NCL,
            AVCOL_RANGE_MPEG, new LightLevels(1000, 400, 4000), null), ToneMapping.DEFAULT);
    private static final String SOFTWARE_720P = "zscale=w=1280:h=720:f=bicubic:tin=smpte2084:pin=bt2020:min=bt2020nc:rin=tv"
            + ":t=linear:p=bt709:m=bt709:r=pc:npl=203,format=gbrpf32le,tonemap=tonemap=mobius:desat=0:peak=4.9261"
            + ",zscale=tin=linear:pin=bt709:min=bt709:rin=pc:t=bt709:p=bt709:m=bt709:r=tv,format=";
    private static final String SOFTWARE = SOFTWARE_720P.replace("w=1280:h=720:f=bicubic:", "");

    @BeforeAll
    static void load() {
        Av.load();
    }

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("vaapi", true, 0, "scale_vaapi=1280:720:format=p010,tonemap_vaapi=format=nv12:primaries=bt709"
                        + ":transfer=bt709:matrix=bt709"),
                Arguments.of("vaapi", false, 0, "format=p010le,hwupload,scale_vaapi=1280:720:format=p010,tonemap_vaapi=format=nv12"
                        + ":primaries=bt709:transfer=bt709:matrix=bt709"),
                Arguments.of("vaapi", true, 90, "transpose_vaapi=dir=clock,scale_vaapi=1280:720:format=p010,tonemap_vaapi"
                        + "=format=nv12:primaries=bt709:transfer=bt709:matrix=bt709"),
                Arguments.of("qsv", true, 0, "hwmap=derive_device=qsv,scale_qsv=1280:720:format=p010,vpp_qsv=tonemap=1"
                        + ":format=nv12:out_color_matrix=bt709:out_color_primaries=bt709:out_color_transfer=bt709"),
                // QSV's pool is of fixed size, as for SDR frames
                Arguments.of("qsv", false, 0, "format=p010le,hwupload=extra_hw_frames=64,scale_qsv=1280:720:format=p010,vpp_qsv"
                        + "=tonemap=1:format=nv12:out_color_matrix=bt709:out_color_primaries=bt709:out_color_transfer=bt709"),
                Arguments.of("nvidia", true, 0, "scale_cuda=1280:720:format=p010,hwdownload,format=p010le," + SOFTWARE + "nv12"
                        + ",format=nv12,hwupload"),
                Arguments.of("nvidia", false, 0, SOFTWARE_720P + "nv12,format=nv12,hwupload"),
                Arguments.of("nvidia", true, 90, "scale_cuda=720:1280:format=p010,hwdownload,format=p010le,transpose=clock,"
                        + SOFTWARE + "nv12,format=nv12,hwupload"));
    }

    @ParameterizedTest(name = "{0} on device {1} turned {2}")
    @MethodSource("chains")
    void hdrIsToneMappedOnTheDeviceWhereFfmpegCanElseOnTheCpu(String name, boolean onDevice, int clockwise, String expected) {
        try (AcceleratedProfile profile = AcceleratedProfilesTest.unopened(name)) {
            String chain = onDevice ? profile.deviceFilter(1280, 720, false, clockwise, PQ) : profile.scaleFilter(1280, 720, false, PQ);
            assertEquals(expected, chain);
            AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
            try {
                AVFilterContext source = FilterChainTest.filter(graph, "buffer",
                        "video_size=3840x2160:pix_fmt=" + AV_PIX_FMT_YUV420P10LE + ":time_base=1/1000");
                AVFilterContext sink = FilterChainTest.filter(graph, "buffersink", null);
                FilterChain.insert(graph, chain, source, sink, profile::configureFilters);
                assertTrue(graph.nb_filters() > 2, chain);
            } finally {
                avfilter_graph_free(graph);
            }
        }
    }
}
