package org.kyoo.transcoder.engine.encoding;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.media.Quality;

/** libx264, H.264's encoder on the CPU. */
final class X264 implements EncoderSetup {
    /** libx264's presets; any other name would fail every encode, so the configuration refuses it. */
    static final List<String> PRESETS = List.of(
            "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");
    /** The private option taking x264's own {@code key=value:…} settings. */
    private static final String PARAMS = "x264-params";

    @Override
    public String name() {
        return "libx264";
    }

    @Override
    public void configure(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {
        EncoderSetup.rates(encoder, quality);
        if (preset != null && !preset.isEmpty()) Av.check(av_dict_set(options, "preset", preset, 0), "av_dict_set preset");
        // the master playlist advertises avc1.6400xx: H.264 High
        Av.check(av_dict_set(options, "profile", H264Output.PROFILE, 0), "av_dict_set profile");
        // scene-cut keyframes would add cut points we did not ask for; segments start where we say only
        Av.check(av_dict_set(options, "sc_threshold", "0", 0), "av_dict_set sc_threshold");
        // an I frame we request becomes an IDR, so each segment decodes on its own
        Av.check(av_dict_set(options, "forced-idr", "1", 0), "av_dict_set forced-idr");
        // a fixed B-frame pattern: every fragment reorders alike, so libav's MP4 demuxer (mpv,
        // ffprobe), which moves each fragment later by its largest negative composition offset,
        // moves them all by the same; x264's adaptive choice made it 1 or 2 frames from one to the next
        Av.check(av_dict_set(options, "b_strategy", "0", 0), "av_dict_set b_strategy");
    }

    /** x264's quicker presets differ from the steady one in two PPS fields, which its params can set: {@link MatchingParameterSets}. */
    @Override
    public Map<String, String> matchingParameterSets(String setup, String steady, String quick,
                                                     BiFunction<String, Map<String, String>, Encoder> open) {
        String params = MatchingParameterSets.find(setup,
                (preset, x264Params) -> open.apply(preset, x264Params == null ? Map.of() : Map.of(PARAMS, x264Params)), steady, quick);
        return params.isEmpty() ? null : Map.of(PARAMS, params);
    }
}
