package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A few flat grey pictures encoded in memory, with their parameter sets in-band: just enough for a
 * decoder to reach get_format with a given codec and bit depth. The shared TestMedia fixtures are
 * all 8-bit H.264; the decode-path choice needs 10-bit and HEVC too.
 */
final class EncodedPictures implements AutoCloseable {
    private final List<AVPacket> packets = new ArrayList<>();

    /** Encodes {@code count} pictures of {@code pixelFormat} with encoder {@code encoderName}. */
    EncodedPictures(String encoderName, int pixelFormat, int width, int height, int count) {
        Av.load();
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) throw new IllegalStateException("no encoder " + encoderName);
        AVCodecContext encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
        AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        AVDictionary options = new AVDictionary(null);
        try {
            encoder.width(width).height(height).pix_fmt(pixelFormat).time_base(new AVRational().num(1).den(25));
            if (encoderName.startsWith("libx26")) av_dict_set(options, "preset", "ultrafast", 0);
            if (encoderName.equals("libx265")) av_dict_set(options, "x265-params", "log-level=none", 0);
            Av.check(avcodec_open2(encoder, codec, options), "avcodec_open2 " + encoderName);
            frame.format(pixelFormat).width(width).height(height);
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            for (int i = 0; i < count; i++) {
                Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
                for (int plane = 0; plane < 3; plane++) {
                    int rows = plane == 0 ? height : (height + 1) / 2;
                    // 0x02 per byte: a dark grey in both 8- and 16-bit samples; the content does not matter
                    frame.data(plane).position(0).limit((long) frame.linesize(plane) * rows).fill(2);
                }
                frame.pts(i);
                Av.check(avcodec_send_frame(encoder, frame), "avcodec_send_frame");
                drain(encoder, packet);
            }
            Av.check(avcodec_send_frame(encoder, null), "avcodec_send_frame flush");
            drain(encoder, packet);
        } finally {
            av_dict_free(options);
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(encoder);
        }
    }

    private void drain(AVCodecContext encoder, AVPacket packet) {
        while (true) {
            int rc = avcodec_receive_packet(encoder, packet);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_packet");
            packets.add(Av.checkAlloc(av_packet_clone(packet), "av_packet_clone"));
            av_packet_unref(packet);
        }
    }

    List<AVPacket> packets() {
        return packets;
    }

    @Override
    public void close() {
        for (AVPacket p : packets) av_packet_free(p);
        packets.clear();
    }
}
