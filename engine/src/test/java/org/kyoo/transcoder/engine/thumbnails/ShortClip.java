package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Test media the shared fixtures lack: a video shorter than one thumbnail interval, made by
 * copying the first seconds of a fixture's video packets (no B-frames needed: cut by decode time).
 */
final class ShortClip {
    private ShortClip() {}

    static void write(Path source, Path target, double seconds) {
        Av.load();
        AVFormatContext in = new AVFormatContext(null);
        Av.check(avformat_open_input(in, source.toString(), (AVInputFormat) null, (AVDictionary) null), "open");
        AVFormatContext out = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        try {
            Av.check(avformat_alloc_output_context2(out, (AVOutputFormat) null, "matroska", target.toString()), "alloc");
            int video = -1;
            for (int i = 0; i < in.nb_streams() && video < 0; i++) {
                if (in.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) video = i;
            }
            AVStream is = in.streams(video);
            AVStream os = avformat_new_stream(out, null);
            Av.check(avcodec_parameters_copy(os.codecpar(), is.codecpar()), "parameters_copy");
            os.codecpar().codec_tag(0);
            os.time_base(is.time_base());
            AVIOContext io = new AVIOContext(null);
            Av.check(avio_open(io, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(io);
            Av.check(avformat_write_header(out, (AVDictionary) null), "write_header");
            while (av_read_frame(in, packet) >= 0) {
                if (packet.stream_index() == video && packet.dts() * av_q2d(is.time_base()) < seconds) {
                    av_packet_rescale_ts(packet, is.time_base(), os.time_base());
                    packet.stream_index(0);
                    packet.pos(-1);
                    Av.check(av_interleaved_write_frame(out, packet), "write");
                }
                av_packet_unref(packet);
            }
            Av.check(av_write_trailer(out), "trailer");
        } finally {
            av_packet_free(packet);
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            avformat_free_context(out);
            avformat_close_input(in);
        }
    }
}
