package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;

/** Encodes a {@link Soundtrack} (stereo, 48 kHz) into an audio-only file with libav, in-process. */
final class SoundtrackWriter {
    private SoundtrackWriter() {}

    /**
     * @param format  libavformat muxer name ("matroska")
     * @param encoder libavcodec encoder name ("libopus", "aac", "flac")
     */
    static void write(Soundtrack sound, Path file, String format, String encoder) {
        Av.load();
        AVFormatContext out = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(out, null, format, file.toString()), "avformat_alloc_output_context2");
        AVCodecContext ctx = null;
        AVFrame frame = null;
        AVPacket packet = null;
        try {
            AVCodec codec = Av.checkAlloc(avcodec_find_encoder_by_name(encoder), encoder);
            ctx = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            int sampleFormat = sampleFormat(codec);
            ctx.sample_fmt(sampleFormat).sample_rate(Soundtrack.RATE).time_base(av_make_q(1, Soundtrack.RATE)).bit_rate(128_000);
            av_channel_layout_default(ctx.ch_layout(), 2);
            if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            Av.check(avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "avcodec_open2 " + encoder);
            AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
            Av.check(avcodec_parameters_from_context(stream.codecpar(), ctx), "avcodec_parameters_from_context");
            stream.time_base(ctx.time_base());
            stream.disposition(AV_DISPOSITION_DEFAULT);
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "avio_open " + file);
            out.pb(pb);
            Av.check(avformat_write_header(out, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "avformat_write_header");
            int frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 1024;
            frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
            frame.format(sampleFormat).sample_rate(Soundtrack.RATE).nb_samples(frameSize);
            Av.check(av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout()), "av_channel_layout_copy");
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            long total = Math.round(sound.seconds() * Soundtrack.RATE);
            float[] left = new float[frameSize];
            float[] right = new float[frameSize];
            Soundtrack.Cursor cursor = sound.cursor();
            boolean fixedSize = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) == 0 && ctx.frame_size() > 0;
            for (long sent = 0; sent < total; sent += frameSize) {
                int n = (int) Math.min(frameSize, total - sent);
                java.util.Arrays.fill(left, 0);
                java.util.Arrays.fill(right, 0);
                cursor.next(left, right, n);
                Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
                // a fixed-size encoder's last frame is padded with silence
                frame.nb_samples(fixedSize ? frameSize : n);
                put(frame, sampleFormat, left, right, frame.nb_samples());
                frame.pts(sent);
                Av.check(avcodec_send_frame(ctx, frame), "avcodec_send_frame");
                drain(ctx, out, stream, packet);
            }
            Av.check(avcodec_send_frame(ctx, null), "avcodec_send_frame(flush)");
            drain(ctx, out, stream, packet);
            Av.check(av_write_trailer(out), "av_write_trailer");
        } finally {
            if (packet != null) av_packet_free(packet);
            if (frame != null) av_frame_free(frame);
            if (ctx != null) avcodec_free_context(ctx);
            if (out.pb() != null) avio_closep(out.pb());
            avformat_free_context(out);
        }
    }

    private static int sampleFormat(AVCodec codec) {
        org.bytedeco.javacpp.IntPointer formats = codec.sample_fmts();
        int[] wanted = {AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P};
        if (formats == null || formats.isNull()) return AV_SAMPLE_FMT_FLTP;
        for (int w : wanted) {
            for (int i = 0; formats.get(i) != AV_SAMPLE_FMT_NONE; i++) if (formats.get(i) == w) return w;
        }
        throw new IllegalArgumentException("no sample format this writer fills for " + codec.name().getString());
    }

    private static void put(AVFrame frame, int format, float[] left, float[] right, int n) {
        boolean planar = av_sample_fmt_is_planar(format) != 0;
        boolean floats = format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT;
        int perPlane = planar ? n : 2 * n;
        for (int plane = 0; plane < (planar ? 2 : 1); plane++) {
            java.nio.ByteBuffer bytes = frame.data(plane).capacity((long) perPlane * (floats ? 4 : 2)).asByteBuffer()
                    .order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < perPlane; i++) {
                float v = planar ? (plane == 0 ? left : right)[i] : (i % 2 == 0 ? left : right)[i / 2];
                if (floats) bytes.putFloat(v);
                else bytes.putShort((short) Math.round(Math.max(-1f, Math.min(1f, v)) * Short.MAX_VALUE));
            }
        }
    }

    private static void drain(AVCodecContext ctx, AVFormatContext out, AVStream stream, AVPacket packet) {
        while (true) {
            int rc = avcodec_receive_packet(ctx, packet);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_packet");
            av_packet_rescale_ts(packet, ctx.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
        }
    }
}
