package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;

/** The RGB24 pictures tiles and the sprite are made of. */
final class RgbFrames {
    private RgbFrames() {}

    /** A frame with its own RGB24 buffer of {@code width}x{@code height}; the caller frees it. */
    static AVFrame allocate(int width, int height) {
        AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        try {
            frame.format(AV_PIX_FMT_RGB24);
            frame.width(width);
            frame.height(height);
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            return frame;
        } catch (RuntimeException e) {
            av_frame_free(frame);
            throw e;
        }
    }
}
