package org.kyoo.transcoder.engine.testmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.kyoo.transcoder.engine.storage.Stored;
import java.nio.file.Path;

/** What every stream's segments must satisfy, whatever made them. */
public final class SegmentChecks {
    public static final double VIDEO_GAP = 0.05, VIDEO_OVERLAP = 0.04, AUDIO_GAP = 0.06, AUDIO_OVERLAP = 0.02, SWITCH = 0.1;
    /** Half a millisecond: MPEG-TS keeps 90 kHz ticks, sources keep milliseconds or finer. */
    public static final double SAME_TIME = 0.0015;

    private SegmentChecks() {}

    public static List<WrittenSegment> fetch(IntFunction<CompletableFuture<Stored>> segment, int from, int to) {
        List<WrittenSegment> out = new ArrayList<>();
        for (int n = from; n < to; n++) out.add(WrittenSegment.read(segment.apply(n).join()));
        return out;
    }

    /** Consecutive segments neither leave a gap nor overlap beyond the limits. */
    public static void assertContinuous(List<WrittenSegment> segments, int firstIndex, double maxGap, double maxOverlap) {
        for (int i = 0; i + 1 < segments.size(); i++) {
            double gap = segments.get(i + 1).start() - segments.get(i).end();
            int n = firstIndex + i;
            assertTrue(gap <= maxGap, "gap of " + gap + " s between segments " + n + " and " + (n + 1));
            assertTrue(-gap <= maxOverlap, "overlap of " + -gap + " s between segments " + n + " and " + (n + 1));
        }
    }

    /** Segment n holds exactly the source frames of [kf[n], kf[n+1]), opening on an IDR at kf[n]. */
    public static void assertSourceFrames(FixtureSpec spec, double[] kf, int n, WrittenSegment segment) {
        assertSourceFrames(spec, kf, n, segment, false);
    }

    /**
     * @param lastFrameHidden the container marks the file's last frame as not shown (MP4 with
     *                        B-frames: its edit list ends before it), so decoding never yields it
     */
    public static void assertSourceFrames(FixtureSpec spec, double[] kf, int n, WrittenSegment segment, boolean lastFrameHidden) {
        double from = kf[n], to = n + 1 < kf.length ? kf[n + 1] : Double.POSITIVE_INFINITY;
        double[] frames = spec.video().frameTimes();
        if (lastFrameHidden) frames = java.util.Arrays.copyOf(frames, frames.length - 1);
        List<Double> expected = new ArrayList<>();
        for (double t : frames) if (t >= from - SAME_TIME && t < to - SAME_TIME) expected.add(t);
        assertEquals(expected.size(), segment.times().size(), "frames in segment " + n);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), segment.times().get(i), SAME_TIME, "frame " + i + " of segment " + n);
        }
        assertTrue(segment.startsWithIdr(), "segment " + n + " opens on an IDR");
        assertEquals(Math.round(kf[n] * 1000), segment.firstStamp(), 1, "picture shown first in segment " + n);
    }
}
