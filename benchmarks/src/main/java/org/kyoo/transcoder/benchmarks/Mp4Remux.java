package org.kyoo.transcoder.benchmarks;

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

/** Copies every packet of a file into MP4 (no re-encode), in-process: the MP4 benchmark media. */
final class Mp4Remux {
    private Mp4Remux() {}

    static void remux(Path source, Path target) {
        Av.load();
        AVFormatContext in = new AVFormatContext(null);
        Av.check(avformat_open_input(in, source.toString(), null, null), "avformat_open_input " + source);
        AVFormatContext out = new AVFormatContext(null);
        AVPacket pkt = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            Av.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "avformat_find_stream_info");
            Av.check(avformat_alloc_output_context2(out, null, "mp4", target.toString()), "avformat_alloc_output_context2");
            for (int i = 0; i < in.nb_streams(); i++) {
                AVStream os = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                Av.check(avcodec_parameters_copy(os.codecpar(), in.streams(i).codecpar()), "avcodec_parameters_copy");
                // Matroska's codec tags mean nothing to MP4; let the muxer pick avc1/mp4a
                os.codecpar().codec_tag(0);
                os.time_base(in.streams(i).time_base());
            }
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(pb);
            Av.check(avformat_write_header(out, (PointerPointer<?>) null), "avformat_write_header");
            while (av_read_frame(in, pkt) >= 0) {
                av_packet_rescale_ts(pkt, in.streams(pkt.stream_index()).time_base(), out.streams(pkt.stream_index()).time_base());
                pkt.pos(-1);
                Av.check(av_interleaved_write_frame(out, pkt), "av_interleaved_write_frame");
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
