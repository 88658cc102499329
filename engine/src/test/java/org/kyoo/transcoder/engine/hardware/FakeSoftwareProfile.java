package org.kyoo.transcoder.engine.hardware;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.media.Quality;

/** Stands for the engine's software profile in the factory's tests: only its identity matters. */
final class FakeSoftwareProfile implements HardwareProfile {
    @Override public String name() { return "disabled"; }
    @Override public void configureDecoder(AVCodecContext decoder) {}
    @Override public String scaleFilter(int width, int height, boolean frameOnDevice) { return "scale=" + width + ":" + height; }
    @Override public String encoderName() { return "libx264"; }
    @Override public void configureEncoder(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {}
    @Override public void forceKeyframe(AVFrame frame) {}
    @Override public void close() {}
}
