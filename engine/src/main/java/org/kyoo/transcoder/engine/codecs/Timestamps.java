package org.kyoo.transcoder.engine.codecs;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** Conversion of stream timestamps to the seconds segment boundaries are given in. */
public final class Timestamps {
    private Timestamps() {}

    public static double seconds(long ts, AVRational tb) {
        return ts * (double) tb.num() / tb.den();
    }

    /** The timestamp in {@code tb} of the instant {@code seconds}, rounded to the nearest tick. */
    public static long ticks(double seconds, AVRational tb) {
        return Math.round(seconds * tb.den() / tb.num());
    }
}
