package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.VideoFilter;

/** The first picture of a file's first video stream, decoded by libav as any player would, and its stream's tags. */
public final class FirstPicture {
    /** The colour tags ({@code AVCOL_*}) a stream's headers or bitstream give, after a full probe. */
    public record Tags(int primaries, int transfer, int matrix, int range) {}

    private FirstPicture() {}

    /** What {@code look} makes of the first decoded picture (valid only during the call). */
    public static <T> T decode(Path file, Function<AVFrame, T> look) {
        return open(file, (stream, frame) -> look.apply(frame));
    }

    /** What {@code look} makes of the first decoded picture and its stream's parameters (valid only during the call). */
    public static <T> T decode(Path file, java.util.function.BiFunction<AVCodecParameters, AVFrame, T> look) {
        return open(file, (stream, frame) -> look.apply(stream.codecpar(), frame));
    }

    /**
     * The first picture as transcodes made it before tone mapping, RGB24 as a player shows it:
     * scaled to {@code width}x{@code height} and squeezed into 8-bit 4:2:0 with its colours as they
     * are, which players then read as BT.709.
     */
    public static int[] takenForSdr(Path file, int width, int height) {
        return decode(file, decoded -> {
            AVFrame source = Av.checkAlloc(av_frame_clone(decoded), "av_frame_clone");
            AVFrame out = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
            try (VideoFilter filter = new VideoFilter(source, av_make_q(1, 25), "scale=" + width + ":" + height + ",format=yuv420p",
                    graph -> { })) {
                filter.push(source);
                if (!filter.pull(out)) throw new IllegalStateException("the scaler gave no picture");
                return HdrPicture.rgbOf(out);
            } finally {
                av_frame_free(out);
                av_frame_free(source);
            }
        });
    }

    /** The tags of the first video stream, as a full probe and its first picture give them. */
    public static Tags tags(Path file) {
        return open(file, (stream, frame) -> new Tags(stream.codecpar().color_primaries(), stream.codecpar().color_trc(),
                stream.codecpar().color_space(), stream.codecpar().color_range()));
    }

    private interface Look<T> {
        T at(AVStream stream, AVFrame frame);
    }

    private static <T> T open(Path file, Look<T> look) {
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, file.toString(), null, null), "avformat_open_input " + file);
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        AVCodecContext decoder = null;
        try {
            Av.check(avformat_find_stream_info(ctx, (AVDictionary) null), "avformat_find_stream_info");
            int index = Av.check(av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0), "no video in " + file);
            AVStream stream = ctx.streams(index);
            AVCodec codec = Av.checkAlloc(avcodec_find_decoder(stream.codecpar().codec_id()), "decoder");
            decoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            Av.check(avcodec_parameters_to_context(decoder, stream.codecpar()), "avcodec_parameters_to_context");
            Av.check(avcodec_open2(decoder, codec, (AVDictionary) null), "avcodec_open2");
            while (av_read_frame(ctx, packet) >= 0) {
                boolean ours = packet.stream_index() == index;
                if (ours) Av.check(avcodec_send_packet(decoder, packet), "avcodec_send_packet");
                av_packet_unref(packet);
                if (ours && avcodec_receive_frame(decoder, frame) >= 0) return look.at(stream, frame);
            }
            Av.check(avcodec_send_packet(decoder, null), "avcodec_send_packet(flush)");
            Av.check(avcodec_receive_frame(decoder, frame), "no picture in " + file);
            return look.at(stream, frame);
        } finally {
            if (decoder != null) avcodec_free_context(decoder);
            av_frame_free(frame);
            av_packet_free(packet);
            avformat_close_input(ctx);
        }
    }
}
