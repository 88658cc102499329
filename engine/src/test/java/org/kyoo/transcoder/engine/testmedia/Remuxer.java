package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInput;

/** Copies a file's packets, every stream, into another container (no decoding). */
public final class Remuxer {
    private Remuxer() {}

    /** Copies {@code source} into {@code target} in {@code format} (MP4, MPEG-TS...), timestamps untouched. */
    public static void remux(Path source, Path target, String format) {
        remux(source, target, format, Map.of());
    }

    /** @param options muxer private options, e.g. Matroska's {@code live=1} (no Cues) */
    public static void remux(Path source, Path target, String format, Map<String, String> options) {
        copy(source, target, format, options, 1, 0);
    }

    /**
     * Makes a long file fast: writes {@code copies} back-to-back copies of {@code source} (each
     * {@code period} seconds) with shifted timestamps. Every copy starts on a keyframe, so the
     * result decodes like a real long encode.
     */
    static void repeat(Path source, Path target, String format, int copies, double period) {
        copy(source, target, format, Map.of(), copies, period);
    }

    /**
     * Muxes every stream of each source, in order, into one {@code target} (a file with several
     * video tracks, say), packets interleaved by decode time and timestamps untouched.
     */
    static void merge(List<Path> sources, Path target, String format) {
        List<MediaInput> ins = new ArrayList<>();
        List<AVPacket> pending = new ArrayList<>();
        AVFormatContext out = new AVFormatContext(null);
        try {
            for (Path source : sources) {
                MediaInput in = MediaInput.open(source);
                ins.add(in);
                in.findStreamInfo();
                pending.add(Av.checkAlloc(av_packet_alloc(), "av_packet_alloc"));
            }
            Av.check(avformat_alloc_output_context2(out, null, format, target.toString()), "avformat_alloc_output_context2");
            int[] first = new int[ins.size()];
            for (int k = 0; k < ins.size(); k++) {
                MediaInput in = ins.get(k);
                first[k] = out.nb_streams();
                for (int i = 0; i < in.streamCount(); i++) {
                    AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                    Av.check(avcodec_parameters_copy(stream.codecpar(), in.stream(i).codecpar()), "avcodec_parameters_copy");
                    stream.codecpar().codec_tag(0);
                    stream.time_base(in.stream(i).time_base());
                    stream.disposition(in.stream(i).disposition());
                    // the languages and titles the tracks were made with
                    AVDictionary md = new AVDictionary(null);
                    int copied = av_dict_copy(md, in.stream(i).metadata(), 0);
                    if (copied < 0) {
                        // what was copied before the failure is ours until the stream holds it
                        av_dict_free(md);
                        Av.check(copied, "av_dict_copy");
                    }
                    stream.metadata(md);
                }
            }
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(pb);
            Av.check(avformat_write_header(out, (AVDictionary) null), "avformat_write_header");
            boolean[] has = new boolean[ins.size()];
            for (int k = 0; k < ins.size(); k++) has[k] = ins.get(k).read(pending.get(k));
            while (true) {
                int next = -1;
                double earliest = Double.POSITIVE_INFINITY;
                for (int k = 0; k < ins.size(); k++) {
                    if (!has[k]) continue;
                    AVPacket p = pending.get(k);
                    long ts = p.dts() != AV_NOPTS_VALUE ? p.dts() : p.pts();
                    double t = ts == AV_NOPTS_VALUE ? Double.NEGATIVE_INFINITY : ts * av_q2d(ins.get(k).stream(p.stream_index()).time_base());
                    if (next < 0 || t < earliest) {
                        next = k;
                        earliest = t;
                    }
                }
                if (next < 0) break;
                AVPacket packet = pending.get(next);
                AVStream is = ins.get(next).stream(packet.stream_index());
                int target0 = first[next] + packet.stream_index();
                av_packet_rescale_ts(packet, is.time_base(), out.streams(target0).time_base());
                packet.stream_index(target0);
                packet.pos(-1);
                Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
                has[next] = ins.get(next).read(packet);
            }
            Av.check(av_write_trailer(out), "av_write_trailer");
        } finally {
            for (AVPacket p : pending) av_packet_free(p);
            // no output context when a source failed to open or the allocation failed
            if (!out.isNull()) {
                if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
                avformat_free_context(out);
            }
            for (MediaInput in : ins) in.close();
        }
    }

    private static void copy(Path source, Path target, String format, Map<String, String> options, int copies, double period) {
        try (MediaInput in = MediaInput.open(source)) {
            in.findStreamInfo();
            AVFormatContext out = new AVFormatContext(null);
            AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            try {
                Av.check(avformat_alloc_output_context2(out, null, format, target.toString()), "avformat_alloc_output_context2");
                for (int i = 0; i < in.streamCount(); i++) {
                    AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                    Av.check(avcodec_parameters_copy(stream.codecpar(), in.stream(i).codecpar()), "avcodec_parameters_copy");
                    // the source container's tag may mean nothing in the target's
                    stream.codecpar().codec_tag(0);
                    stream.time_base(in.stream(i).time_base());
                }
                // MPEG-TS: no muxer delay, so the copy keeps the source's timestamps.
                out.max_delay(0);
                AVIOContext pb = new AVIOContext(null);
                Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
                out.pb(pb);
                AVDictionary dict = new AVDictionary(null);
                options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
                try {
                    Av.check(avformat_write_header(out, dict), "avformat_write_header");
                } finally {
                    av_dict_free(dict);
                }
                for (int copy = 0; copy < copies; copy++) {
                    if (copy > 0) Av.check(av_seek_frame(in.context(), -1, Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD), "av_seek_frame");
                    while (in.read(packet)) {
                        AVStream is = in.stream(packet.stream_index());
                        long shift = Math.round(copy * period / av_q2d(is.time_base()));
                        if (packet.pts() != AV_NOPTS_VALUE) packet.pts(packet.pts() + shift);
                        if (packet.dts() != AV_NOPTS_VALUE) packet.dts(packet.dts() + shift);
                        av_packet_rescale_ts(packet, is.time_base(), out.streams(packet.stream_index()).time_base());
                        packet.pos(-1);
                        Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
                    }
                }
                Av.check(av_write_trailer(out), "av_write_trailer");
            } finally {
                av_packet_free(packet);
                if (!out.isNull()) {
                    if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
                    avformat_free_context(out);
                }
            }
        }
    }
}
