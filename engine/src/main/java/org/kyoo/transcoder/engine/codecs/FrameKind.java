package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * What a scaling graph was built for: a decoded frame's pixel format, size, and the device frames
 * context it lives in (0: in memory).
 *
 * @param framesContext address of the frame's hw_frames_ctx data, 0 for a frame in memory
 */
record FrameKind(int format, int width, int height, long framesContext) {
    static FrameKind of(AVFrame frame) {
        AVBufferRef frames = frame.hw_frames_ctx();
        long context = frames == null || frames.isNull() || frames.data() == null ? 0 : frames.data().address();
        return new FrameKind(frame.format(), frame.width(), frame.height(), context);
    }

    boolean onDevice() {
        return framesContext != 0;
    }

    /**
     * Whether a graph built for this kind can take {@code next}: frames in memory of another size or
     * pixel format are fine when the whole graph works in memory (the buffer source passes the
     * change on and swscale reconfigures), but hwupload/hwmap/scale_vaapi were set up for one
     * frames context and size, so a frame moving on or off the device, to another frames context, or
     * changing size or format on its way to the device would be read as a surface it is not.
     *
     * @param graphUploads whether the graph's output frames are on the device
     */
    boolean graphCanFollow(FrameKind next, boolean graphUploads) {
        return equals(next) || (!graphUploads && !onDevice() && !next.onDevice());
    }

    @Override
    public String toString() {
        BytePointer name = av_get_pix_fmt_name(format);
        String pixels = name == null || name.isNull() ? "pixel format " + format : name.getString();
        return width + "x" + height + " " + pixels + (onDevice() ? " on the device" : " in memory");
    }
}
