package org.kyoo.transcoder.benchmarks;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;

/** Copies every packet of a file into another container (no re-encode), in-process. */
final class Remux {
    private Remux() {}

    /** @param options muxer options ("live=1"), or null */
    static void copy(Path source, Path target, String format, String options) {
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
                // another container's codec tags mean nothing here; let the muxer pick
                os.codecpar().codec_tag(0);
                os.time_base(in.streams(i).time_base());
            }
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(pb);
            AVDictionary muxerOptions = new AVDictionary(null);
            if (options != null) Av.check(av_dict_parse_string(muxerOptions, options, "=", ",", 0), "av_dict_parse_string");
            try {
                Av.check(avformat_write_header(out, muxerOptions), "avformat_write_header");
            } finally {
                av_dict_free(muxerOptions);
            }
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
