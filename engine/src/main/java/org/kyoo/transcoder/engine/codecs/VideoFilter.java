package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_format;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_h;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_hw_frames_ctx;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_w;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_set;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_init_str;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avfilter.AVBufferSrcParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * The scaling graph of one head, built from the first decoded frame: the demuxer was not asked to
 * probe, so only a decoded frame tells the real size and pixel format.
 */
public final class VideoFilter implements AutoCloseable {
    private AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final FrameKind built;
    private final boolean outputOnDevice;

    /**
     * Builds {@code description} (one chain) for frames like {@code first}, in {@code timeBase}.
     *
     * @param configureFilters called on the chain's filters once created, before they are initialised:
     *                         a hardware profile hands out its device there (see {@link FilterChain})
     */
    public VideoFilter(AVFrame first, AVRational timeBase, String description, Consumer<AVFilterGraph> configureFilters) {
        BytePointer pixFmt = av_get_pix_fmt_name(first.format());
        if (pixFmt == null || pixFmt.isNull() || first.width() <= 0 || first.height() <= 0) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Decoded video frame without size or pixel format");
        }
        built = FrameKind.of(first);
        graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
        try {
            source = Av.checkAlloc(avfilter_graph_alloc_filter(graph, avfilter_get_by_name("buffer"), "in"), "buffer");
            AVBufferSrcParameters params = Av.checkAlloc(av_buffersrc_parameters_alloc(), "av_buffersrc_parameters_alloc");
            try {
                // device frames (hardware decode) travel with their frames context
                AVBufferRef frames = first.hw_frames_ctx();
                if (frames != null && !frames.isNull()) params.hw_frames_ctx(frames);
                Av.check(av_buffersrc_parameters_set(source, params), "av_buffersrc_parameters_set");
            } finally {
                av_free(params);
            }
            int sarNum = first.sample_aspect_ratio().num(), sarDen = first.sample_aspect_ratio().den();
            String args = "video_size=" + first.width() + "x" + first.height()
                    + ":pix_fmt=" + first.format()
                    + ":time_base=" + timeBase.num() + "/" + timeBase.den()
                    + ":pixel_aspect=" + (sarNum > 0 && sarDen > 0 ? sarNum + "/" + sarDen : "1/1");
            Av.check(avfilter_init_str(source, args), "avfilter_init_str buffer " + args);
            AVFilterContext out = new AVFilterContext(null);
            Av.check(avfilter_graph_create_filter(out, avfilter_get_by_name("buffersink"), "out", null, null, graph),
                    "avfilter_graph_create_filter buffersink");
            sink = out;
            // In steps (create, hand the profile its filters, then init and link): FFmpeg 8's hwupload
            // refuses to initialise before it has a device, so a one-step parse cannot build upload chains.
            FilterChain.insert(graph, description, source, sink, configureFilters);
            Av.check(avfilter_graph_config(graph, null), "avfilter_graph_config " + description);
            outputOnDevice = hardwareFrames() != null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Pushes a decoded frame (null: end of stream); the frame's references move into the graph.
     * A frame the graph cannot take (see {@link FrameKind#graphCanFollow}) fails the head with a
     * MediaException rather than reaching a hardware filter as a surface it is not.
     */
    public void push(AVFrame frame) {
        if (frame != null) {
            FrameKind kind = FrameKind.of(frame);
            if (!built.graphCanFollow(kind, outputOnDevice)) {
                throw new MediaException(MediaException.Kind.UNREADABLE, "Decoded video changed mid-stream from "
                        + built + " to " + kind + ", which the hardware scaling graph cannot follow");
            }
        }
        Av.check(av_buffersrc_add_frame(source, frame), "av_buffersrc_add_frame");
    }

    /** Takes the next scaled frame; false when the graph needs more input. */
    public boolean pull(AVFrame frame) {
        int rc = av_buffersink_get_frame(sink, frame);
        if (rc == Av.EAGAIN || rc == AVERROR_EOF) return false;
        Av.check(rc, "av_buffersink_get_frame");
        return true;
    }

    public AVRational timeBase() {
        return av_buffersink_get_time_base(sink);
    }

    public int width() {
        return av_buffersink_get_w(sink);
    }

    public int height() {
        return av_buffersink_get_h(sink);
    }

    public int pixelFormat() {
        return av_buffersink_get_format(sink);
    }

    public AVRational sampleAspectRatio() {
        return av_buffersink_get_sample_aspect_ratio(sink);
    }

    /** The device frames context scaled frames live in, or null for frames in memory. */
    public AVBufferRef hardwareFrames() {
        AVBufferRef ref = av_buffersink_get_hw_frames_ctx(sink);
        return ref == null || ref.isNull() ? null : ref;
    }

    @Override
    public void close() {
        if (graph != null) avfilter_graph_free(graph);
        graph = null;
    }
}
