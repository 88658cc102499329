package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;

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
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try (Encoder png = new Encoder("png", (encoder, options) -> {
            encoder.width(frame.width());
            encoder.height(frame.height());
            encoder.pix_fmt(AV_PIX_FMT_RGB24);
            encoder.time_base(av_make_q(1, 1));
            // Row prediction shrinks picture-like content by a third to a half (the default is none);
            // "sub" matched paeth and "mixed" in size at less CPU on 3072x1872 sprites.
            Av.check(av_dict_set(options, "pred", "sub", 0), "av_dict_set pred");
            // zlib level 3: measured 0.17 to 0.7 s CPU against 0.4 to 1.8 s at zlib's default (6),
            // for files 3 to 25 % larger; level 1 was faster still but up to twice as large.
            encoder.compression_level(3);
        })) {
            frame.pts(0);
            png.send(frame);
            png.send(null);
            if (!png.receive(packet)) throw new IllegalStateException("The PNG encoder gave no picture");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            return bytes;
        } finally {
            av_packet_free(packet);
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
    }
}
