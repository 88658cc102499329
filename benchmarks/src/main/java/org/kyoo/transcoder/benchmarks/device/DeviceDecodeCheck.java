package org.kyoo.transcoder.benchmarks.device;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_format;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_h;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_hw_frames_ctx;
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
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_hwframe_transfer_data;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVBufferSrcParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.FilterChain;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.media.DisplayRotation;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * One file through a device profile the way a head takes it, minus the muxer: decoded with the
 * profile's decoder set-up (NVDEC when it can), filtered by the profile's real chain to 720p
 * (deinterlacing and turning included), a scaled frame downloaded and looked at, and the profile's
 * encoder opened on the chain's output frames. Everything it sees goes into a {@link DecodeCheckResult}.
 */
final class DeviceDecodeCheck implements AutoCloseable {
    /** AV_FRAME_FLAG_INTERLACED (a macro, not mapped). */
    private static final int FRAME_INTERLACED = 1 << 3;

    private final HardwareProfile profile;
    private final DecodeCheckResult result;
    private final Path path;
    private AVFormatContext input = new AVFormatContext(null);
    private AVCodecContext decoder;
    private AVFilterGraph graph;
    private AVFilterContext source;
    private AVFilterContext sink;
    private AVCodecContext encoder;
    private AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    private AVFrame scaled = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    private AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
    /** The encoder's output, reused for every frame. */
    private AVPacket encoded = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
    private AVStream stream;

    private DeviceDecodeCheck(HardwareProfile profile, Path path) {
        this.profile = profile;
        this.path = path;
        this.result = new DecodeCheckResult(path.getFileName().toString());
    }

    /** Runs the check on {@code path}; failures are reported in the result, never thrown. */
    static DecodeCheckResult run(HardwareProfile profile, Path path) {
        long start = System.nanoTime();
        try (DeviceDecodeCheck check = new DeviceDecodeCheck(profile, path)) {
            try {
                check.decodeAll();
            } catch (RuntimeException e) {
                check.result.error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            check.result.millis = (System.nanoTime() - start) / 1_000_000;
            return check.result;
        }
    }

    private void decodeAll() {
        Av.check(avformat_open_input(input, path.toString(), null, null), "avformat_open_input " + path);
        Av.check(avformat_find_stream_info(input, (PointerPointer<?>) null), "avformat_find_stream_info");
        int index = Av.check(av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0),
                "av_find_best_stream video");
        stream = input.streams(index);
        result.codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
        result.sourceSize = stream.codecpar().width() + "x" + stream.codecpar().height();
        result.clockwise = DisplayRotation.clockwise(stream.codecpar());
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) throw new IllegalStateException("no decoder for " + result.codec);
        decoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
        Av.check(avcodec_parameters_to_context(decoder, stream.codecpar()), "avcodec_parameters_to_context");
        decoder.pkt_timebase(stream.time_base());
        profile.configureDecoder(decoder);
        Av.check(avcodec_open2(decoder, codec, (AVDictionary) null), "avcodec_open2 " + result.codec);
        while (true) {
            int rc = av_read_frame(input, packet);
            if (rc == AVERROR_EOF) break;
            Av.check(rc, "av_read_frame");
            try {
                if (packet.stream_index() != index) continue;
                Av.check(avcodec_send_packet(decoder, packet), "avcodec_send_packet");
            } finally {
                av_packet_unref(packet);
            }
            drainDecoder();
        }
        Av.check(avcodec_send_packet(decoder, null), "avcodec_send_packet flush");
        drainDecoder();
        if (graph != null) {
            Av.check(av_buffersrc_add_frame(source, null), "av_buffersrc_add_frame flush");
            drainFilter();
        }
        if (encoder != null) {
            Av.check(avcodec_send_frame(encoder, null), "avcodec_send_frame flush");
            drainEncoder();
        }
    }

    private void drainDecoder() {
        while (true) {
            int rc = avcodec_receive_frame(decoder, frame);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_frame");
            try {
                result.decoded++;
                if (frame.format() == AV_PIX_FMT_CUDA) {
                    result.onDevice++;
                } else if (result.softwareFormat == null) {
                    BytePointer name = av_get_pix_fmt_name(frame.format());
                    result.softwareFormat = name == null || name.isNull() ? "format " + frame.format() : name.getString();
                }
                long ts = frame.best_effort_timestamp();
                if (ts == AV_NOPTS_VALUE) ts = frame.pts();
                if (ts == AV_NOPTS_VALUE) continue;
                frame.pts(ts);
                if (graph == null) openFilter();
                Av.check(av_buffersrc_add_frame(source, frame), "av_buffersrc_add_frame");
            } finally {
                av_frame_unref(frame);
            }
            drainFilter();
        }
    }

    /** The chain a head builds (VideoPipeline and PictureShape), from the first decoded frame. */
    private void openFilter() {
        int fieldOrder = stream.codecpar().field_order();
        result.interlaced = (frame.flags() & FRAME_INTERLACED) != 0
                || (fieldOrder != AV_FIELD_PROGRESSIVE && fieldOrder != AV_FIELD_UNKNOWN);
        boolean sideways = result.clockwise == 90 || result.clockwise == 270;
        int num = frame.sample_aspect_ratio().num(), den = frame.sample_aspect_ratio().den();
        double pixel = num > 0 && den > 0 ? (double) num / den : 1;
        double w = frame.width() * pixel, h = frame.height();
        int width = Quality.P720.widthFor((int) Math.round(sideways ? h : w), (int) Math.round(sideways ? w : h));
        result.expectedSize = width + "x" + Quality.P720.height();
        boolean deviceFrame = frame.hw_frames_ctx() != null && !frame.hw_frames_ctx().isNull();
        result.chain = (deviceFrame
                ? profile.deviceFilter(width, Quality.P720.height(), result.interlaced, result.clockwise)
                : softwareTurn() + profile.scaleFilter(width, Quality.P720.height(), false)) + ",setsar=1";

        graph = Av.checkAlloc(avfilter_graph_alloc(), "avfilter_graph_alloc");
        source = Av.checkAlloc(avfilter_graph_alloc_filter(graph, avfilter_get_by_name("buffer"), "in"), "buffer");
        AVBufferSrcParameters params = Av.checkAlloc(av_buffersrc_parameters_alloc(), "av_buffersrc_parameters_alloc");
        try {
            if (deviceFrame) params.hw_frames_ctx(frame.hw_frames_ctx());
            Av.check(av_buffersrc_parameters_set(source, params), "av_buffersrc_parameters_set");
        } finally {
            av_free(params);
        }
        AVRational tb = stream.time_base();
        String args = "video_size=" + frame.width() + "x" + frame.height() + ":pix_fmt=" + frame.format()
                + ":time_base=" + tb.num() + "/" + tb.den()
                + ":pixel_aspect=" + (num > 0 && den > 0 ? num + "/" + den : "1/1");
        Av.check(avfilter_init_str(source, args), "avfilter_init_str buffer " + args);
        AVFilterContext out = new AVFilterContext(null);
        Av.check(avfilter_graph_create_filter(out, avfilter_get_by_name("buffersink"), "out", null, null, graph),
                "avfilter_graph_create_filter buffersink");
        sink = out;
        FilterChain.insert(graph, result.chain, source, sink, profile::configureFilters);
        Av.check(avfilter_graph_config(graph, null), "avfilter_graph_config " + result.chain);
        result.outputSize = av_buffersink_get_w(sink) + "x" + av_buffersink_get_h(sink);
        BytePointer format = av_get_pix_fmt_name(av_buffersink_get_format(sink));
        result.outputFormat = format == null || format.isNull() ? "?" : format.getString();
    }

    /** The software filters PictureShape puts ahead of an upload chain. */
    private String softwareTurn() {
        StringBuilder chain = new StringBuilder();
        if (result.interlaced) chain.append("bwdif=mode=send_frame:parity=auto:deint=interlaced,");
        switch (result.clockwise) {
            case 90 -> chain.append("transpose=clock,");
            case 180 -> chain.append("hflip,vflip,");
            case 270 -> chain.append("transpose=cclock,");
            default -> { }
        }
        return chain.toString();
    }

    private void drainFilter() {
        while (true) {
            int rc = av_buffersink_get_frame(sink, scaled);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "av_buffersink_get_frame");
            try {
                result.filtered++;
                if (result.filtered == 1) inspect(scaled);
                if (result.filtered == 1) openEncoder();
                if (encoder != null) {
                    Av.check(avcodec_send_frame(encoder, scaled), "avcodec_send_frame");
                    drainEncoder();
                }
            } finally {
                av_frame_unref(scaled);
            }
        }
    }

    /** Downloads the frame when it is on the device and measures its luma range: a blank frame is one level. */
    private void inspect(AVFrame picture) {
        AVFrame local = av_frame_alloc();
        try {
            AVFrame readable = picture;
            if (picture.hw_frames_ctx() != null && !picture.hw_frames_ctx().isNull()) {
                Av.check(av_hwframe_transfer_data(local, picture, 0), "av_hwframe_transfer_data");
                readable = local;
            }
            // NV12 and yuv420p both start with a full-resolution 8-bit luma plane
            if (readable.format() != AV_PIX_FMT_NV12 && readable.format() != AV_PIX_FMT_YUV420P) {
                throw new IllegalStateException("downloaded frame in format " + readable.format() + ", not NV12");
            }
            BytePointer luma = readable.data(0);
            int stride = readable.linesize(0);
            byte[] row = new byte[readable.width()];
            int min = 255, max = 0;
            for (int y = 0; y < readable.height(); y++) {
                luma.position((long) y * stride).get(row);
                for (byte b : row) {
                    int v = b & 0xff;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            luma.position(0);
            result.lumaMin = min;
            result.lumaMax = max;
        } finally {
            av_frame_free(local);
        }
    }

    /** The profile's encoder on the chain's output frames, as a head opens it; its failure is recorded, not thrown. */
    private void openEncoder() {
        result.encoder = profile.encoderName();
        AVCodec codec = avcodec_find_encoder_by_name(result.encoder);
        if (codec == null || codec.isNull()) {
            result.encoderOpen = -1;
            return;
        }
        encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3 " + result.encoder);
        encoder.width(av_buffersink_get_w(sink)).height(av_buffersink_get_h(sink));
        encoder.pix_fmt(av_buffersink_get_format(sink));
        encoder.time_base(av_buffersink_get_time_base(sink));
        encoder.framerate(av_make_q(25, 1));
        AVBufferRef frames = av_buffersink_get_hw_frames_ctx(sink);
        if (frames != null && !frames.isNull()) encoder.hw_frames_ctx(Av.checkAlloc(av_buffer_ref(frames), "av_buffer_ref"));
        AVDictionary options = new AVDictionary(null);
        try {
            profile.configureEncoder(encoder, Quality.P720, "fast", options);
            result.encoderOpen = avcodec_open2(encoder, codec, options);
        } finally {
            av_dict_free(options);
        }
        if (result.encoderOpen < 0) {
            avcodec_free_context(encoder);
            encoder = null;
        }
    }

    private void drainEncoder() {
        while (true) {
            int rc = avcodec_receive_packet(encoder, encoded);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_packet");
            result.packets++;
            av_packet_unref(encoded);
        }
    }

    @Override
    public void close() {
        if (encoder != null) avcodec_free_context(encoder);
        if (graph != null) avfilter_graph_free(graph);
        if (decoder != null) avcodec_free_context(decoder);
        if (input != null && !input.isNull()) avformat_close_input(input);
        av_frame_free(frame);
        av_frame_free(scaled);
        av_packet_free(packet);
        av_packet_free(encoded);
        encoder = null;
        graph = null;
        decoder = null;
        input = null;
    }
}
