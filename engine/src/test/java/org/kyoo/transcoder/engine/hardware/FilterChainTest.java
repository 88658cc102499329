package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.FilterChain;

/** The chain insertion the device profiles need, run end to end on a software chain. */
class FilterChainTest {
    @BeforeAll
    static void load() {
        Av.load();
    }

    @Test
    void aChainBetweenSourceAndSinkScalesAnOddTenBitFrameToEightBit() {
        AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
        AVFrame in = av_frame_alloc();
        AVFrame out = av_frame_alloc();
        try {
            AVFilterContext source = filter(graph, "buffer",
                    "video_size=65x49:pix_fmt=" + AV_PIX_FMT_YUV420P10LE + ":time_base=1/1000:pixel_aspect=1/1");
            AVFilterContext sink = filter(graph, "buffersink", null);
            List<Integer> configuredFilters = new ArrayList<>();
            FilterChain.insert(graph, "scale=64:48,format=yuv420p", source, sink,
                    g -> configuredFilters.add(g.nb_filters()));
            // the profile saw the chain's filters after they were created and before the graph was configured
            assertEquals(List.of(4), configuredFilters);
            Av.check(avfilter_graph_config(graph, null), "avfilter_graph_config");

            in.format(AV_PIX_FMT_YUV420P10LE).width(65).height(49).pts(40);
            Av.check(av_frame_get_buffer(in, 0), "av_frame_get_buffer");
            Av.check(av_buffersrc_add_frame(source, in), "av_buffersrc_add_frame");
            Av.check(av_buffersink_get_frame(sink, out), "av_buffersink_get_frame");
            assertEquals(64, out.width());
            assertEquals(48, out.height());
            assertEquals(AV_PIX_FMT_YUV420P, out.format());
            assertEquals(40, out.pts());
        } finally {
            av_frame_free(in);
            av_frame_free(out);
            avfilter_graph_free(graph);
        }
    }

    /**
     * The CPU half of every profile's upload chain (everything before hwupload) on the awkward case:
     * an odd-sized 10-bit frame becomes 8-bit NV12 of the same size, ready to upload.
     */
    @Test
    void theSoftwareHalfOfEachUploadChainTurnsAnOddTenBitFrameIntoNv12() {
        for (String name : List.of("vaapi", "qsv", "nvidia")) {
            try (AcceleratedProfile profile = AcceleratedProfilesTest.unopened(name)) {
                String upload = profile.uploadFilter();
                String cpuPart = upload.substring(0, upload.indexOf(",hwupload"));
                AVFrame out = filterOneFrame(cpuPart, AV_PIX_FMT_YUV420P10LE, 853, 479);
                try {
                    assertEquals(AV_PIX_FMT_NV12, out.format(), name);
                    assertEquals(853, out.width(), name);
                    assertEquals(479, out.height(), name);
                } finally {
                    av_frame_free(out);
                }
            }
        }
    }

    private static AVFrame filterOneFrame(String description, int pixelFormat, int width, int height) {
        AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
        AVFrame in = av_frame_alloc();
        AVFrame out = av_frame_alloc();
        try {
            AVFilterContext source = filter(graph, "buffer", "video_size=" + width + "x" + height
                    + ":pix_fmt=" + pixelFormat + ":time_base=1/1000:pixel_aspect=1/1");
            AVFilterContext sink = filter(graph, "buffersink", null);
            FilterChain.insert(graph, description, source, sink, g -> {});
            Av.check(avfilter_graph_config(graph, null), "avfilter_graph_config");
            in.format(pixelFormat).width(width).height(height).pts(0);
            Av.check(av_frame_get_buffer(in, 0), "av_frame_get_buffer");
            Av.check(av_buffersrc_add_frame(source, in), "av_buffersrc_add_frame");
            Av.check(av_buffersink_get_frame(sink, out), "av_buffersink_get_frame");
            return out;
        } catch (RuntimeException e) {
            av_frame_free(out);
            throw e;
        } finally {
            av_frame_free(in);
            avfilter_graph_free(graph);
        }
    }

    @Test
    void aDescriptionWithTwoChainsIsRefused() {
        AVFilterGraph graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
        try {
            AVFilterContext source = filter(graph, "buffer",
                    "video_size=64x48:pix_fmt=" + AV_PIX_FMT_YUV420P + ":time_base=1/1000");
            AVFilterContext sink = filter(graph, "buffersink", null);
            assertThrows(IllegalArgumentException.class,
                    () -> FilterChain.insert(graph, "scale=32:24;scale=16:12", source, sink, g -> {}));
        } finally {
            avfilter_graph_free(graph);
        }
    }

    /** A filter created in {@code graph}, not yet linked (also used by the profiles' tests). */
    static AVFilterContext filter(AVFilterGraph graph, String filter, String args) {
        AVFilterContext context = new AVFilterContext(null);
        Av.check(avfilter_graph_create_filter(context, avfilter_get_by_name(filter), filter, args, null, graph),
                "avfilter_graph_create_filter " + filter);
        return context;
    }
}
