package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_segment_apply;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_segment_create_filters;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_segment_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_segment_parse;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraphSegment;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Puts a profile's filter chain between a buffer source and a buffer sink. It parses in steps, as
 * ffmpeg does for {@code -filter_hw_device}: {@code avfilter_graph_parse_ptr} initialises each filter
 * as it creates it, and FFmpeg 8's {@code hwupload} refuses to initialise without a device, so the
 * profile must hand out its device between creating the filters and initialising them.
 */
public final class FilterChain {
    private FilterChain() {}

    /**
     * Parses {@code description} (one chain: one open input, one open output) into {@code graph},
     * lets {@code configureFilters} set up the created filters, initialises them and links
     * {@code source -> chain -> sink}. The graph is left for {@code avfilter_graph_config}.
     *
     * @param configureFilters the profile's {@code configureFilters}, called on filters created but not
     *                         yet initialised
     */
    public static void insert(AVFilterGraph graph, String description, AVFilterContext source, AVFilterContext sink,
                              Consumer<AVFilterGraph> configureFilters) {
        AVFilterGraphSegment segment = new AVFilterGraphSegment(null);
        AVFilterInOut inputs = new AVFilterInOut(null);
        AVFilterInOut outputs = new AVFilterInOut(null);
        try {
            Av.check(avfilter_graph_segment_parse(graph, description, 0, segment), "avfilter_graph_segment_parse " + description);
            Av.check(avfilter_graph_segment_create_filters(segment, 0), "avfilter_graph_segment_create_filters " + description);
            configureFilters.accept(graph);
            // options, init, then links inside the chain; the chain's free ends come back in inputs/outputs
            Av.check(avfilter_graph_segment_apply(segment, 0, inputs, outputs), "avfilter_graph_segment_apply " + description);
            if (isNull(inputs) || isNull(outputs) || !isNull(inputs.next()) || !isNull(outputs.next())) {
                throw new IllegalArgumentException("filter chain must have one free input and one free output: " + description);
            }
            Av.check(avfilter_link(source, 0, inputs.filter_ctx(), inputs.pad_idx()), "avfilter_link source");
            Av.check(avfilter_link(outputs.filter_ctx(), outputs.pad_idx(), sink, 0), "avfilter_link sink");
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
            avfilter_graph_segment_free(segment);
        }
    }

    private static boolean isNull(Pointer p) {
        return p == null || p.isNull();
    }
}
