package org.kyoo.transcoder.engine.hardware;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.encoding.EncoderSetup;
import org.kyoo.transcoder.engine.encoding.OutputCodec;
import org.kyoo.transcoder.engine.encoding.VideoEncoders;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * How the video path decodes, scales and encodes. Software is one profile; VAAPI, QSV and CUDA are
 * others. The segment loop asks the profile and never branches on which one it has.
 *
 * <p>The loop's generic part: frames carrying a {@code hw_frames_ctx} are announced to the
 * filter's buffer source with it, and when the buffer sink yields device frames its
 * {@code hw_frames_ctx} is handed to the encoder. A profile only supplies the device and the names,
 * and its encoder for each output codec ({@link #encoder(OutputCodec)}).
 */
public interface HardwareProfile extends VideoEncoders, AutoCloseable {
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

    /**
     * As {@link #scaleFilter(int, int, boolean)}, an HDR source ({@code toSdr} not null) tone-mapped
     * to SDR BT.709 on the way: the profile's device filter where FFmpeg has one, else the CPU.
     */
    default String scaleFilter(int width, int height, boolean frameOnDevice, ToneMap toSdr) {
        if (toSdr == null) return scaleFilter(width, height, frameOnDevice);
        if (frameOnDevice) throw new UnsupportedOperationException("the " + name() + " profile cannot tone-map frames on a device");
        return toSdr.software(width, height, "yuv420p");
    }

    /** As {@link #deviceFilter(int, int, boolean, int)}, an HDR source ({@code toSdr} not null) tone-mapped to SDR BT.709. */
    default String deviceFilter(int width, int height, boolean interlaced, int clockwise, ToneMap toSdr) {
        if (toSdr == null) return deviceFilter(width, height, interlaced, clockwise);
        throw new UnsupportedOperationException("the " + name() + " profile cannot tone-map frames on a device");
    }

    /**
     * The chain for frames the decoder left on the device: deinterlaced when {@code interlaced},
     * turned {@code clockwise} degrees (0, 90, 180, 270), scaled to {@code width}x{@code height} (the
     * size as shown, after turning). Software filters cannot touch device frames, so each device
     * profile supplies its own; a profile without device frames only scales, and refuses the rest
     * rather than hand out a picture combed or on its side.
     */
    default String deviceFilter(int width, int height, boolean interlaced, int clockwise) {
        if (interlaced || clockwise != 0) {
            throw new UnsupportedOperationException("the " + name() + " profile can neither deinterlace nor turn frames on a device");
        }
        return scaleFilter(width, height, true);
    }

    /**
     * Called once the graph is parsed, before it is configured: a device profile gives its
     * filters (hwupload, scale_vaapi…) the device context here.
     */
    default void configureFilters(AVFilterGraph graph) {}

    /** Every profile but the software one encodes on its device. */
    @Override
    default boolean encodesOnDevice() {
        return true;
    }

    /**
     * The encoder a transcode opens on this profile, e.g. {@code libx264}: {@link #encoder(OutputCodec)}
     * of {@link OutputCodec#TRANSCODED}, for diagnostics.
     */
    default String encoderName() {
        return encoder(OutputCodec.TRANSCODED).name();
    }

    /** {@link EncoderSetup#configure} of the encoder a transcode opens on this profile, for diagnostics. */
    default void configureEncoder(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {
        encoder(OutputCodec.TRANSCODED).configure(encoder, quality, preset, options);
    }

    /** Marks {@code frame} so the encoder emits an IDR for it (the first frame of every segment). */
    void forceKeyframe(AVFrame frame);

    /** Frees the device, if any. */
    @Override
    void close();
}
