package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Makes a long file fast: the packets of a short one, remuxed again and again with shifted
 * timestamps. Every copy starts on a keyframe, so the result decodes like a real long encode.
 */
final class Repeater {
    private Repeater() {}

    /** Writes {@code copies} back-to-back copies of {@code source} (each {@code period} seconds) into {@code target}. */
    static void repeat(Path source, Path target, String format, int copies, double period) {
        Av.load();
        AVFormatContext in = new AVFormatContext(null);
        Av.check(avformat_open_input(in, source.toString(), null, null), "avformat_open_input " + source);
        AVFormatContext out = new AVFormatContext(null);
        AVPacket pkt = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            Av.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "avformat_find_stream_info");
            Av.check(avformat_alloc_output_context2(out, null, format, target.toString()), "avformat_alloc_output_context2");
            for (int i = 0; i < in.nb_streams(); i++) {
                AVStream os = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                Av.check(avcodec_parameters_copy(os.codecpar(), in.streams(i).codecpar()), "avcodec_parameters_copy");
                os.codecpar().codec_tag(0);
                os.time_base(in.streams(i).time_base());
            }
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(pb);
            Av.check(avformat_write_header(out, (PointerPointer<?>) null), "avformat_write_header");
            for (int copy = 0; copy < copies; copy++) {
                Av.check(av_seek_frame(in, -1, Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD), "av_seek_frame");
                while (av_read_frame(in, pkt) >= 0) {
                    AVStream is = in.streams(pkt.stream_index());
                    long shift = Math.round(copy * period / av_q2d(is.time_base()));
                    if (pkt.pts() != AV_NOPTS_VALUE) pkt.pts(pkt.pts() + shift);
                    if (pkt.dts() != AV_NOPTS_VALUE) pkt.dts(pkt.dts() + shift);
                    av_packet_rescale_ts(pkt, is.time_base(), out.streams(pkt.stream_index()).time_base());
                    pkt.pos(-1);
                    Av.check(av_interleaved_write_frame(out, pkt), "av_interleaved_write_frame");
                }
            }
            Av.check(av_write_trailer(out), "av_write_trailer");
        } finally {
            av_packet_free(pkt);
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            avformat_free_context(out);
            avformat_close_input(in);
        }
    }
}
