package org.kyoo.transcoder.engine.hardware;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * How the video path decodes, scales and encodes. Software is one profile; VAAPI, QSV and CUDA are
 * others. The segment loop asks the profile and never branches on which one it has.
 */
public interface HardwareProfile extends AutoCloseable {
    /** The GOCODER_HWACCEL name ("disabled", "vaapi", "qsv", "nvidia"). */
    String name();

    /** Prepares a decoder context before {@code avcodec_open2} (device context, get_format). */
    void configureDecoder(AVCodecContext decoder);

    /**
     * The libavfilter graph description scaling decoded frames to {@code width}x{@code height} in the
     * encoder's pixel format, e.g. {@code scale=1280:720,format=yuv420p}.
     *
     * @param frameOnDevice whether the decoder's frames are already in device memory
     */
    String scaleFilter(int width, int height, boolean frameOnDevice);

    /** The libavcodec encoder name, e.g. {@code libx264}. */
    String encoderName();

    /**
     * Sets the encoder's fields and private options for {@code quality} before {@code avcodec_open2}.
     *
     * @param preset the preset to use, or null when the encoder takes none
     */
    void configureEncoder(AVCodecContext encoder, Quality quality, String preset,
                          org.bytedeco.ffmpeg.avutil.AVDictionary options);

    /** Marks {@code frame} so the encoder emits an IDR for it (the first frame of every segment). */
    void forceKeyframe(AVFrame frame);

    /** Frees the device, if any. */
    @Override
    void close();
}
