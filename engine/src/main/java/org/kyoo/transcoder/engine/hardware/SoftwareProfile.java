package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.encoding.EncoderSetup;
import org.kyoo.transcoder.engine.encoding.OutputCodec;

/**
 * CPU decode, libswscale through the {@code scale} filter, the output codec's own software encoder
 * (libx264 for H.264) ({@code GOCODER_HWACCEL=disabled}).
 */
public final class SoftwareProfile implements HardwareProfile {
    @Override
    public String name() {
        return "disabled";
    }

    @Override
    public void configureDecoder(AVCodecContext decoder) {
        // 0: libavcodec picks a thread count from the cores (frame threads add a few frames of latency only)
        decoder.thread_count(0);
    }

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice) {
        // we compute an even width keeping the aspect ratio ourselves, so no force_original_aspect_ratio;
        // format=yuv420p forces 8-bit 4:2:0 (10-bit sources would otherwise stay 10-bit, unplayable on many devices);
        // out_range=tv: a full-range source (MJPEG, some phones) is made limited-range, what every player expects of
        // H.264 (the encoder writes the pictures' range: full-range samples would be tagged so, and decode as yuvj420p)
        return "scale=" + width + ":" + height + ":out_range=tv,format=yuv420p";
    }

    @Override
    public boolean encodesOnDevice() {
        return false;
    }

    @Override
    public EncoderSetup encoder(OutputCodec codec) {
        return codec.softwareEncoder();
    }

    @Override
    public void forceKeyframe(AVFrame frame) {
        frame.pict_type(AV_PICTURE_TYPE_I);
    }

    @Override
    public void close() {
        // no device
    }
}
