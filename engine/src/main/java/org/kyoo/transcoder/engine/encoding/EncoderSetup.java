package org.kyoo.transcoder.engine.encoding;

import java.util.Map;
import java.util.function.BiFunction;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * One libav video encoder as the engine opens it: its name, and the fields and private options it
 * is given for a quality and preset. An output codec has one for the CPU; each hardware profile
 * has its own.
 */
public interface EncoderSetup {
    /** The libavcodec encoder name, e.g. {@code libx264}. */
    String name();

    /**
     * Sets the encoder's fields and private options for {@code quality} before {@code avcodec_open2}.
     * Size, pixel format, time base and frame rate are already set by the loop.
     *
     * @param preset the preset to use, or null when the encoder takes none
     */
    void configure(AVCodecContext encoder, Quality quality, String preset, AVDictionary options);

    /**
     * The extra options under which {@code quick} writes the parameter sets {@code steady} writes (a
     * shared fMP4 init holds them), checked with real encoders; null when this encoder cannot be made
     * to, and then the segment keeps the steady preset. None can by default: only x264's can.
     *
     * @param setup what the encoder is opened with besides the preset: the same set-up, the same answer
     * @param open  opens the encoder as the segments do, with a global header, at a preset with extra options
     */
    default Map<String, String> matchingParameterSets(String setup, String steady, String quick,
                                                      BiFunction<String, Map<String, String>, Encoder> open) {
        return null;
    }

    /** Every encoder's rate control: the quality's average and peak. */
    static void rates(AVCodecContext encoder, Quality quality) {
        encoder.bit_rate(quality.averageBitrate());
        encoder.rc_max_rate(quality.maxBitrate());
        // 5 x max: the average only matters over a segment, so let the buffer absorb bursts within one
        encoder.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, quality.maxBitrate() * 5));
    }
}
