package org.kyoo.transcoder.engine.hardware;

import java.util.Set;

/**
 * GOCODER_PRESET speaks libx264's names (ultrafast … veryslow; the start-up preset is superfast by default);
 * the hardware encoders have their own sets. Names the encoder knows pass through, as the original
 * passed {@code -preset} as is; the others map to the nearest end of the encoder's range.
 */
final class EncoderPresets {
    /** h264_qsv's presets (FFmpeg 8.1). */
    static final Set<String> QSV = Set.of("veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow");
    /** h264_nvenc's presets (FFmpeg 8.1): the legacy names and p1 (fastest) … p7 (best). */
    static final Set<String> NVENC = Set.of("default", "slow", "medium", "fast", "hp", "hq", "bd", "ll", "llhq",
            "llhp", "lossless", "losslesshp", "p1", "p2", "p3", "p4", "p5", "p6", "p7");

    private static final Set<String> FASTER_THAN_FAST = Set.of("ultrafast", "superfast", "veryfast", "faster");
    private static final Set<String> SLOWER_THAN_SLOW = Set.of("slower", "veryslow", "placebo");

    private EncoderPresets() {}

    /** x264's ultrafast and superfast have no QSV counterpart: its fastest is veryfast. */
    static String qsv(String preset) {
        if (QSV.contains(preset)) return preset;
        if (preset.equals("ultrafast") || preset.equals("superfast")) return "veryfast";
        if (preset.equals("placebo")) return "veryslow";
        throw unknown("h264_qsv", preset, QSV);
    }

    /** NVENC's legacy "fast" already is p1 and "slow" p7, so anything beyond them maps to those ends. */
    static String nvenc(String preset) {
        if (NVENC.contains(preset)) return preset;
        if (FASTER_THAN_FAST.contains(preset)) return "p1";
        if (SLOWER_THAN_SLOW.contains(preset)) return "p7";
        throw unknown("h264_nvenc", preset, NVENC);
    }

    private static IllegalArgumentException unknown(String encoder, String preset, Set<String> known) {
        return new IllegalArgumentException("Unknown preset \"" + preset + "\" for " + encoder
                + ": use one of libx264's names (ultrafast … veryslow) or one of " + known.stream().sorted().toList());
    }
}
