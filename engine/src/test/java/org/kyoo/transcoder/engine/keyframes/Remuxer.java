package org.kyoo.transcoder.engine.keyframes;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInput;

/** Test utility: copies a file's packets into another container (MP4, MPEG-TS), timestamps untouched. */
final class Remuxer {
    private Remuxer() {}

    static void remux(Path source, Path target, String format) {
        remux(source, target, format, java.util.Map.of());
    }

    /** @param options muxer private options, e.g. Matroska's {@code live=1} (no Cues) */
    static void remux(Path source, Path target, String format, java.util.Map<String, String> options) {
        try (MediaInput in = MediaInput.open(source)) {
            in.findStreamInfo();
            AVFormatContext out = new AVFormatContext(null);
            AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            try {
                Av.check(avformat_alloc_output_context2(out, null, format, target.toString()), "avformat_alloc_output_context2");
                for (int i = 0; i < in.streamCount(); i++) {
                    AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                    Av.check(avcodec_parameters_copy(stream.codecpar(), in.stream(i).codecpar()), "avcodec_parameters_copy");
                    stream.codecpar().codec_tag(0);
                    stream.time_base(in.stream(i).time_base());
                }
                // MPEG-TS: no muxer delay, so the copy keeps the source's timestamps.
                out.max_delay(0);
                AVIOContext pb = new AVIOContext(null);
                Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
                out.pb(pb);
                org.bytedeco.ffmpeg.avutil.AVDictionary dict = new org.bytedeco.ffmpeg.avutil.AVDictionary(null);
                options.forEach((k, v) -> org.bytedeco.ffmpeg.global.avutil.av_dict_set(dict, k, v, 0));
                try {
                    Av.check(avformat_write_header(out, dict), "avformat_write_header");
                } finally {
                    org.bytedeco.ffmpeg.global.avutil.av_dict_free(dict);
                }
                while (av_read_frame(in.context(), packet) >= 0) {
                    av_packet_rescale_ts(packet, in.stream(packet.stream_index()).time_base(),
                            out.streams(packet.stream_index()).time_base());
                    packet.pos(-1);
                    Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
                }
                Av.check(av_write_trailer(out), "av_write_trailer");
            } finally {
                av_packet_free(packet);
                if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
                avformat_free_context(out);
            }
        }
    }
}
