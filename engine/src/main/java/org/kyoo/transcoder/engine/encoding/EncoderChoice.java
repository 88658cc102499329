package org.kyoo.transcoder.engine.encoding;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * What one segment's encoder is opened with: which encoder, at which preset (null: none), with
 * which extra private options on top of its own.
 */
public record EncoderChoice(EncoderSetup encoder, String preset, Map<String, String> extraOptions) {
    public EncoderChoice {
        extraOptions = Map.copyOf(extraOptions);
    }

    /** The libavcodec encoder name. */
    public String encoderName() {
        return encoder.name();
    }

    /** Sets the encoder's fields and options for {@code quality}; the loop set size, pixel format and time base. */
    public void configure(AVCodecContext context, Quality quality, AVDictionary options) {
        encoder.configure(context, quality, preset, options);
        for (Map.Entry<String, String> e : extraOptions.entrySet()) {
            Av.check(av_dict_set(options, e.getKey(), e.getValue(), 0), "av_dict_set " + e.getKey());
        }
    }
}
