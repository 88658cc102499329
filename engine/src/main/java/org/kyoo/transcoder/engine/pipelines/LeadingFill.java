package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.codecs.Timestamps;

/**
 * The leading pictures of the open-GOP keyframe (HEVC's CRA) a head starts decoding at: shown
 * before it, they refer to the GOP before, which the head does not decode, so the decoder drops
 * them. Their times are read from their packets, and the keyframe's picture is shown at each of
 * them instead: the segment starts where the playlist and every other rendition say (a copy shows
 * them; a head that decoded the GOP before has them), at the source's frame times, so the encoder
 * reorders it as any other.
 */
final class LeadingFill {
    /** Where the segment is first shown and where its keyframe is, seconds. */
    private final double start;
    private final double keyframe;
    private long[] times = new long[8];
    private int count;
    private boolean keySeen;
    private boolean used;

    LeadingFill(double start, double keyframe) {
        this.start = start;
        this.keyframe = keyframe;
    }

    /** Every packet the head reads, in decode order, until its first picture is out. */
    void packet(AVPacket packet, AVRational timeBase) {
        if (used) return;
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (key) {
            keySeen = true;
            return;
        }
        if (!keySeen || packet.pts() == AV_NOPTS_VALUE) return;
        double t = Timestamps.seconds(packet.pts(), timeBase);
        if (t < start - SegmentSink.EPSILON || t > keyframe - SegmentSink.EPSILON) return;
        if (count == times.length) times = Arrays.copyOf(times, count * 2);
        times[count++] = packet.pts();
    }

    /**
     * The leading pictures' times (the stream's time base, ascending) before {@code firstShown},
     * the first picture the decoder gave: once, for the head's first picture; empty afterwards or
     * when the decoder showed them itself.
     */
    long[] before(long firstShown) {
        if (used) return new long[0];
        used = true;
        long[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        int n = 0;
        while (n < sorted.length && sorted[n] < firstShown) n++;
        return Arrays.copyOf(sorted, n);
    }
}
