package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.storage.Stored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A segment file as an independent reader sees it (libavformat with a full probe): its
 * presentation times, whether it opens on an IDR, and the stamps painted in its first frame.
 *
 * @param times        presentation times (s) of every packet, sorted
 * @param end          last presentation time plus that packet's duration
 * @param startsWithIdr the first packet in decode order holds an IDR slice (H.264 NAL type 5)
 * @param firstStamp   the stamp (ms) decoded from the first picture, -1 for audio
 */
public record WrittenSegment(String codec, List<Double> times, double end, boolean startsWithIdr, long firstStamp,
                      int width, int height, int channels, int sampleRate, String encoderSettings) {

    public double start() {
        return times.get(0);
    }

    /** What the store handed out: a segment on local disk. */
    public static WrittenSegment read(Stored stored) {
        return read(((Stored.LocalFile) stored).path());
    }

    public static WrittenSegment read(Path file) {
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, file.toString(), null, null), "avformat_open_input " + file);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext decoder = null;
        try {
            Av.check(avformat_find_stream_info(ctx, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "avformat_find_stream_info");
            if (ctx.nb_streams() != 1) throw new AssertionError(file + " holds " + ctx.nb_streams() + " streams");
            AVStream st = ctx.streams(0);
            boolean video = st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO;
            double tb = av_q2d(st.time_base());
            List<Double> times = new ArrayList<>();
            double end = Double.NEGATIVE_INFINITY;
            boolean first = true, idr = false;
            String settings = "";
            long stamp = -1;
            if (video) {
                decoder = avcodec_alloc_context3(avcodec_find_decoder(st.codecpar().codec_id()));
                avcodec_parameters_to_context(decoder, st.codecpar());
                Av.check(avcodec_open2(decoder, avcodec_find_decoder(st.codecpar().codec_id()), (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open decoder");
            }
            while (av_read_frame(ctx, packet) >= 0) {
                double t = packet.pts() * tb;
                times.add(t);
                double duration = packet.duration() > 0 ? packet.duration() * tb
                        : !video && st.codecpar().sample_rate() > 0 ? 1024.0 / st.codecpar().sample_rate() : 0;
                end = Math.max(end, t + duration);
                if (first && video) {
                    idr = hasIdr(packet);
                    settings = x264Settings(packet);
                }
                first = false;
                if (video && stamp < 0) {
                    avcodec_send_packet(decoder, packet);
                    if (avcodec_receive_frame(decoder, frame) >= 0) stamp = stampOf(frame);
                }
                av_packet_unref(packet);
            }
            if (video && stamp < 0) {
                avcodec_send_packet(decoder, null);
                if (avcodec_receive_frame(decoder, frame) >= 0) stamp = stampOf(frame);
            }
            Collections.sort(times);
            if (video && times.size() > 1) {
                // MPEG-TS carries no video durations: the last frame lasts as long as the one before
                end = Math.max(end, times.get(times.size() - 1) + times.get(times.size() - 1) - times.get(times.size() - 2));
            }
            return new WrittenSegment(avcodec_get_name(st.codecpar().codec_id()).getString(), times, end, idr, stamp,
                    st.codecpar().width(), st.codecpar().height(), st.codecpar().ch_layout().nb_channels(), st.codecpar().sample_rate(), settings);
        } finally {
            if (decoder != null) avcodec_free_context(decoder);
            av_frame_free(frame);
            av_packet_free(packet);
            avformat_close_input(ctx);
        }
    }

    private static long stampOf(AVFrame frame) {
        int w = frame.width(), h = frame.height(), ls = frame.linesize(0);
        byte[] luma = new byte[ls * h];
        frame.data(0).capacity((long) ls * h).get(luma);
        return Stamp.read(luma, w, h, ls);
    }

    /** The option string libx264 writes in an SEI of its first packet ("" when absent). */
    private static String x264Settings(AVPacket packet) {
        byte[] data = new byte[packet.size()];
        packet.data().capacity(packet.size()).get(data);
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("options: ");
        if (at < 0) return "";
        int end = text.indexOf('\0', at);
        return text.substring(at, end < 0 ? text.length() : end);
    }

    /** Annex B: an IDR slice is NAL unit type 5. */
    private static boolean hasIdr(AVPacket packet) {
        byte[] data = new byte[packet.size()];
        packet.data().capacity(packet.size()).get(data);
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 && (data[i + 3] & 0x1f) == 5) return true;
        }
        return false;
    }
}
