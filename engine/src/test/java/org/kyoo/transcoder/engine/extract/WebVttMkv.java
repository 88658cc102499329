package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBVTT;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;

/** Test media the shared fixtures lack: a Matroska file holding one WebVTT subtitle track. */
final class WebVttMkv {
    private WebVttMkv() {}

    static void write(Path target, List<Cue> cues) {
        Av.load();
        AVFormatContext out = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        try {
            Av.check(avformat_alloc_output_context2(out, (AVOutputFormat) null, "matroska", target.toString()), "alloc");
            AVStream stream = avformat_new_stream(out, null);
            stream.codecpar().codec_type(AVMEDIA_TYPE_SUBTITLE);
            stream.codecpar().codec_id(AV_CODEC_ID_WEBVTT);
            stream.time_base(av_make_q(1, 1000));
            AVIOContext io = new AVIOContext(null);
            Av.check(avio_open(io, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(io);
            Av.check(avformat_write_header(out, (AVDictionary) null), "write_header");
            for (Cue cue : cues) {
                byte[] text = cue.text().getBytes(StandardCharsets.UTF_8);
                Av.check(av_new_packet(packet, text.length), "av_new_packet");
                packet.data().put(text);
                long start = Math.round(cue.start() * 1000), end = Math.round(cue.end() * 1000);
                packet.pts(av_rescale_q(start, av_make_q(1, 1000), stream.time_base()));
                packet.dts(packet.pts());
                packet.duration(av_rescale_q(end - start, av_make_q(1, 1000), stream.time_base()));
                packet.stream_index(0);
                Av.check(av_interleaved_write_frame(out, packet), "write");
                av_packet_unref(packet);
            }
            Av.check(av_write_trailer(out), "trailer");
        } finally {
            av_packet_free(packet);
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            avformat_free_context(out);
        }
    }
}
