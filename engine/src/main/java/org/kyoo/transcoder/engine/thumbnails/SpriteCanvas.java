package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * The sprite picture: an RGB frame, black until tiles are pasted, encoded to PNG by libavcodec's
 * own encoder. That encoder is maintained with FFmpeg, runs natively on the frame where the tiles
 * already are (no copy into a Java image), and lets us pick the PNG row filter.
 *
 * <p>Tiles may be pasted from several threads at once: they never overlap.
 */
final class SpriteCanvas implements AutoCloseable {
    private final AVFrame frame;

    SpriteCanvas(int width, int height) {
        frame = RgbFrames.allocate(width, height);
        // Black where a capture failed, as the original's canvas.
        Pointer.memset(frame.data(0), 0, (long) frame.linesize(0) * height);
    }

    /** Copies an RGB24 {@code tile} with its top-left corner at ({@code x}, {@code y}). */
    void paste(AVFrame tile, int x, int y) {
        int rowBytes = tile.width() * 3;
        byte[] row = new byte[rowBytes];
        BytePointer from = tile.data(0);
        BytePointer to = frame.data(0);
        int fromStride = tile.linesize(0);
        int toStride = frame.linesize(0);
        for (int r = 0; r < tile.height() && y + r < frame.height(); r++) {
            from.position((long) r * fromStride).get(row);
            to.position((long) (y + r) * toStride + (long) x * 3).put(row);
        }
    }

    /** The sprite as a PNG file's bytes. */
    byte[] encodePng() {
        AVCodec png = avcodec_find_encoder(AV_CODEC_ID_PNG);
        if (png == null || png.isNull()) throw new IllegalStateException("libavcodec has no PNG encoder");
        AVCodecContext encoder = Av.checkAlloc(avcodec_alloc_context3(png), "avcodec_alloc_context3");
        AVPacket packet = null;
        try {
            encoder.width(frame.width());
            encoder.height(frame.height());
            encoder.pix_fmt(AV_PIX_FMT_RGB24);
            encoder.time_base(av_make_q(1, 1));
            // Row prediction shrinks picture-like content by a third to a half (the default is none);
            // "sub" matched paeth and "mixed" in size at less CPU on 3072x1872 sprites.
            Av.check(av_opt_set(encoder.priv_data(), "pred", "sub", 0), "av_opt_set pred");
            // zlib level 3: measured 0.17 to 0.7 s CPU against 0.4 to 1.8 s at zlib's default (6),
            // for files 3 to 25 % larger; level 1 was faster still but up to twice as large.
            encoder.compression_level(3);
            Av.check(avcodec_open2(encoder, png, (AVDictionary) null), "avcodec_open2 png");
            packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            frame.pts(0);
            Av.check(avcodec_send_frame(encoder, frame), "avcodec_send_frame png");
            Av.check(avcodec_send_frame(encoder, null), "avcodec_send_frame png (drain)");
            Av.check(avcodec_receive_packet(encoder, packet), "avcodec_receive_packet png");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            return bytes;
        } finally {
            if (packet != null) av_packet_free(packet);
            avcodec_free_context(encoder);
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
    }
}
