package org.kyoo.transcoder.server.realmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A segment decoded the way a player would: every packet of its first stream through a fresh
 * decoder, so a segment that does not open on a keyframe, or does not decode, shows here.
 *
 * @param codec          the stream's codec as libavformat reads it from the segment
 * @param frames         frames (video) or audio frames decoded
 * @param rejected       packets the decoder refused or frames it reported corrupt
 * @param firstIsKey     the first decoded frame is a keyframe (video)
 * @param sar            sample aspect ratio of the decoded pictures, {num, den} (0/1 when unset)
 * @param pixelFormat    name of the decoded pictures' pixel format
 * @param profile        the codec profile the stream says (H.264: 100 High)
 * @param interlaced     any decoded picture was flagged interlaced
 * @param start          first presentation time (s)
 * @param end            last presentation time plus its duration (s)
 */
record DecodedSegment(String codec, int frames, int rejected, boolean firstIsKey, int width, int height, int[] sar,
                      String pixelFormat, int profile, boolean interlaced, double start, double end) {
    /** AV_FRAME_FLAG_KEY and AV_FRAME_FLAG_INTERLACED (macros, not mapped). */
    private static final int FRAME_KEY = 1 << 1;
    private static final int FRAME_INTERLACED = 1 << 3;

    double displayAspect() {
        double pixel = sar[0] > 0 && sar[1] > 0 ? (double) sar[0] / sar[1] : 1;
        return width * pixel / height;
    }

    /** A source's stored picture: size, pixel aspect, and whether its display matrix turns it a right angle. */
    record Source(int width, int height, double pixelAspect, boolean turned) {
        /** Display aspect of the stored picture (what a copy shows). */
        double storedAspect() {
            return width * pixelAspect / height;
        }

        /** Display aspect as the source means it shown. */
        double shownAspect() {
            return turned ? 1 / storedAspect() : storedAspect();
        }
    }

    static Source source(Path file) {
        Av.load();
        AVFormatContext format = new AVFormatContext(null);
        Av.check(avformat_open_input(format, file.toString(), null, null), "avformat_open_input " + file);
        try {
            Av.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "avformat_find_stream_info");
            for (int i = 0; i < format.nb_streams(); i++) {
                AVStream stream = format.streams(i);
                var par = stream.codecpar();
                if (par.codec_type() != AVMEDIA_TYPE_VIDEO || (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) continue;
                var sar = av_guess_sample_aspect_ratio(format, stream, null);
                double pixel = sar.num() > 0 && sar.den() > 0 ? av_q2d(sar) : 1;
                boolean turned = false;
                var side = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
                if (side != null && !side.isNull()) {
                    double degrees = Math.abs(av_display_rotation_get(new org.bytedeco.javacpp.IntPointer(side.data())));
                    turned = Math.abs(degrees - 90) < 1 || Math.abs(degrees - 270) < 1;
                }
                return new Source(par.width(), par.height(), pixel, turned);
            }
            throw new AssertionError(file + " has no video");
        } finally {
            avformat_close_input(format);
        }
    }

    static DecodedSegment read(Path file) {
        Av.load();
        AVFormatContext format = new AVFormatContext(null);
        Av.check(avformat_open_input(format, file.toString(), null, null), "avformat_open_input " + file);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext decoder = null;
        try {
            Av.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "avformat_find_stream_info");
            if (format.nb_streams() < 1) throw new AssertionError(file + " holds no stream");
            AVStream stream = format.streams(0);
            var codec = avcodec_find_decoder(stream.codecpar().codec_id());
            if (codec == null || codec.isNull()) throw new AssertionError(file + ": no decoder for its stream");
            decoder = avcodec_alloc_context3(codec);
            Av.check(avcodec_parameters_to_context(decoder, stream.codecpar()), "avcodec_parameters_to_context");
            decoder.pkt_timebase(stream.time_base());
            Av.check(avcodec_open2(decoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "avcodec_open2");
            double tb = av_q2d(stream.time_base());
            Counts c = new Counts();
            double start = Double.POSITIVE_INFINITY, end = Double.NEGATIVE_INFINITY;
            java.util.List<Double> times = new java.util.ArrayList<>();
            while (av_read_frame(format, packet) >= 0) {
                if (packet.stream_index() == 0) {
                    if (packet.pts() != AV_NOPTS_VALUE) {
                        double t = packet.pts() * tb;
                        start = Math.min(start, t);
                        times.add(t);
                        end = Math.max(end, t + packet.duration() * tb);
                    }
                    if (avcodec_send_packet(decoder, packet) < 0) c.rejected++;
                    drain(decoder, frame, c);
                }
                av_packet_unref(packet);
            }
            avcodec_send_packet(decoder, null);
            drain(decoder, frame, c);
            // MPEG-TS carries no video durations: the last frame lasts as long as the one before it
            java.util.Collections.sort(times);
            int k = times.size();
            if (k >= 2) end = Math.max(end, 2 * times.get(k - 1) - times.get(k - 2));
            return new DecodedSegment(avcodec_get_name(stream.codecpar().codec_id()).getString(), c.frames, c.rejected,
                    c.firstIsKey, c.width, c.height, c.sar, c.pixelFormat, stream.codecpar().profile(), c.interlaced,
                    start, end);
        } finally {
            if (decoder != null) avcodec_free_context(decoder);
            av_frame_free(frame);
            av_packet_free(packet);
            avformat_close_input(format);
        }
    }

    private static final class Counts {
        int frames, rejected, width, height;
        int[] sar = {0, 1};
        boolean firstIsKey, interlaced;
        String pixelFormat = "";
    }

    private static void drain(AVCodecContext decoder, AVFrame frame, Counts c) {
        while (true) {
            int rc = avcodec_receive_frame(decoder, frame);
            if (rc == AVERROR_EOF || rc == Av.EAGAIN) return;
            if (rc < 0) {
                c.rejected++;
                return;
            }
            if (c.frames == 0) {
                c.firstIsKey = (frame.flags() & FRAME_KEY) != 0;
                c.width = frame.width();
                c.height = frame.height();
                c.sar = new int[] {frame.sample_aspect_ratio().num(), frame.sample_aspect_ratio().den()};
                if (frame.width() > 0) c.pixelFormat = av_get_pix_fmt_name(frame.format()).getString();
            }
            if ((frame.flags() & FRAME_INTERLACED) != 0) c.interlaced = true;
            c.frames++;
            av_frame_unref(frame);
        }
    }
}
