package org.kyoo.transcoder.engine.segments;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** Conversion of stream timestamps to the seconds segment boundaries are given in. */
final class Timestamps {
    private Timestamps() {}

    static double seconds(long ts, AVRational tb) {
        return ts * (double) tb.num() / tb.den();
    }
}
