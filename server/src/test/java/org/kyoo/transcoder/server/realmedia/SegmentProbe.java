package org.kyoo.transcoder.server.realmedia;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;

/** Reads a segment's own timestamps back, independently of the code that wrote it. */
final class SegmentProbe {
    /** @param start first presentation time (s); @param end last presentation time plus its duration (s) */
    record Span(double start, double end) {}

    private SegmentProbe() {}

    static Span span(Path segment) {
        Av.load();
        AVFormatContext format = new AVFormatContext(null);
        Av.check(avformat_open_input(format, segment.toString(), null, null), "avformat_open_input");
        AVPacket packet = av_packet_alloc();
        try {
            Av.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "avformat_find_stream_info");
            double start = Double.POSITIVE_INFINITY;
            double end = Double.NEGATIVE_INFINITY;
            while (av_read_frame(format, packet) >= 0) {
                AVStream stream = format.streams(packet.stream_index());
                if (packet.pts() != AV_NOPTS_VALUE) {
                    double timeBase = av_q2d(stream.time_base());
                    double pts = packet.pts() * timeBase;
                    start = Math.min(start, pts);
                    end = Math.max(end, pts + packet.duration() * timeBase);
                }
                av_packet_unref(packet);
            }
            return new Span(start, end);
        } finally {
            av_packet_free(packet);
            avformat_close_input(format);
        }
    }
}
