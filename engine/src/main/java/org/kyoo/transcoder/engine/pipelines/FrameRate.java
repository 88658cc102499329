package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_reduce;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The frame rate an encoder is told, which x264 takes as the stream's for its level and, without
 * exact timestamps, for its rate control. libav's guess falls back on the codec's timing info,
 * which x264 in Matroska writes as the container's millisecond clock: 1 000 frames a second. A
 * 25-fps 240p transcode was then encoded at a third of its bit rate and labelled level 4.2.
 */
final class FrameRate {
    /** Past this the guess is a clock, not a rate: high-frame-rate video stops well below it. */
    private static final double MAX_FPS = 300;
    private static final int FALLBACK_FPS = 25;

    private FrameRate() {}

    /** The rate of {@code stream}'s video, {@code first} being its first decoded frame. */
    static AVRational of(AVStream stream, AVFrame first) {
        AVRational guess = av_guess_frame_rate(null, stream, first);
        if (guess.num() > 0 && guess.den() > 0 && (double) guess.num() / guess.den() <= MAX_FPS) {
            return av_make_q(guess.num(), guess.den());
        }
        // the first frame's own duration, in the stream's time base: 40 of 1/1000 s is 25 fps
        AVRational timeBase = stream.time_base();
        long duration = first.duration();
        if (duration > 0 && timeBase.num() > 0 && (double) timeBase.den() / (timeBase.num() * (double) duration) <= MAX_FPS) {
            int[] num = new int[1];
            int[] den = new int[1];
            av_reduce(num, den, timeBase.den(), timeBase.num() * duration, 1_000_000);
            if (num[0] > 0 && den[0] > 0) return av_make_q(num[0], den[0]);
        }
        return av_make_q(FALLBACK_FPS, 1);
    }
}
