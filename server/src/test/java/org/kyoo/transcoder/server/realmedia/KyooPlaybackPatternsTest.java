package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;

/**
 * Upstream Kyoo's HLS validation suite ({@code transcoder/tests/hls_validation}), its checks in
 * our words, over HTTP on the {@code /video} table, on every kind of source it must hold for:
 * closed-GOP H.264 with B-frames, H.264 in MP4, HEVC without B-frames, and open-GOP 10-bit HEVC
 * (x265's default: a CRA keyframe's leading pictures are shown before it) with AC-3 5.1. What a
 * player watching in order, seeking, seeking back, switching quality or sharing the file with
 * others gets is one timeline, without holes or repeats, whichever head made each segment; every
 * {@code tfdt} is absolute and steps by the playlist's durations.
 *
 * <p>Each segment is read twice: from the boxes as a browser's MSE reads them (tfdt, sample
 * durations, signed composition offsets), and by libav's MP4 demuxer on the init and the fragment
 * (what upstream's suite asks {@code ffprobe}, and what mpv plays). Each pattern runs on its own
 * copy of the file, so its segments are made for it by the heads its requests start.
 */
class KyooPlaybackPatternsTest extends RealServerTest {
    /** The suite's tolerances: a hole a viewer would see, a repeat a viewer would see. */
    private static final double VIDEO_GAP = 0.05, VIDEO_OVERLAP = 0.04, AUDIO_GAP = 0.06, AUDIO_OVERLAP = 0.02;
    /** Across a quality switch the suite allows a little more (0.10 s either way). */
    private static final double SWITCH = 0.10;
    /** A tfdt off its place on the playlist's timeline by more than this is not absolute. */
    private static final double TFDT_OFF = 0.05;
    /** As the suite: the first 14 segments of a playlist are played in order. */
    private static final int IN_ORDER = 14;
    int copies;

    /**
     * A kind of source, and its renditions on Kyoo's table.
     *
     * @param video video renditions, the ones played in turn first ({@code original} and a transcode)
     * @param audio audio renditions
     */
    record Source(String name, Fixture fixture, List<String> video, List<String> audio) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Source> sources() {
        return Stream.of(
                new Source("closed-GOP H.264 High with B-frames, AAC + AC-3", TestMedia.multiTrackMkv(),
                        List.of("/0/original", "/0/240p"), List.of("/audio/0/original", "/audio/1/original", "/audio/1/128k")),
                new Source("H.264 with B-frames in MP4, AAC", TestMedia.mp4(),
                        List.of("/0/original", "/0/240p"), List.of("/audio/0/original")),
                new Source("HEVC without B-frames, Opus + AAC", TestMedia.hevcWithOpusAndAac(),
                        List.of("/0/original", "/0/transcode"), List.of("/audio/0/original", "/audio/1/128k")),
                new Source("open-GOP HEVC Main 10 (leading pictures), AC-3 5.1", TestMedia.openGopHevc10bitLong(),
                        List.of("/0/original", "/0/transcode"), List.of("/audio/0/original", "/audio/0/128k")));
    }

    /** A fresh copy of the fixture: nothing of it cached yet. Returns its {@code /video} base. */
    private String freshCopy(Fixture fixture) throws Exception {
        String name = "copy-" + (++copies) + "-" + fixture.path().getFileName();
        return "/video" + Http.file(Files.copy(fixture.path(), root.resolve(name)));
    }

    /**
     * Where a segment shows its pictures or sounds, in seconds on the source's timeline: as MSE reads
     * its boxes, and as libav's demuxer reads the init and the fragment.
     */
    record Shown(int segment, double tfdt, double start, double end, double libavStart, double libavEnd) {
        Shown asLibavReads() {
            return new Shown(segment, tfdt, libavStart, libavEnd, libavStart, libavEnd);
        }
    }

    /** One rendition's playlist as a player reads it. */
    private final class Rendition {
        final String base;
        final String client;
        final List<Double> extinf = new ArrayList<>();
        final long timescale;
        final byte[] init;

        Rendition(String file, String rendition, String client) throws Exception {
            this.base = file + rendition;
            this.client = client;
            // a file scanned for its keyframes (open GOPs) lists more as the scan goes: its whole playlist
            String index = new String(fetch("/index.m3u8"));
            for (int attempt = 0; !index.contains("#EXT-X-ENDLIST") && attempt < 300; attempt++) {
                Thread.sleep(100);
                index = new String(fetch("/index.m3u8"));
            }
            for (String line : index.lines().toList()) {
                if (line.startsWith("#EXTINF:")) extinf.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
            }
            assertTrue(index.contains("#EXT-X-MAP:URI=\"init.mp4"), index);
            init = fetch("/init.mp4");
            timescale = Boxes.timescale(save(init, "init"));
        }

        int count() {
            return extinf.size();
        }

        /** Where the playlist says segment n starts: the sum of the durations before it. */
        double listedStart(int n) {
            double t = 0;
            for (int i = 0; i < n; i++) t += extinf.get(i);
            return t;
        }

        Shown segment(int n) throws Exception {
            byte[] bytes = fetch("/segment-" + n + ".mp4");
            Boxes.Fragment f = Boxes.fragment(save(bytes, "segment-" + n));
            byte[] whole = new byte[init.length + bytes.length];
            System.arraycopy(init, 0, whole, 0, init.length);
            System.arraycopy(bytes, 0, whole, init.length, bytes.length);
            SegmentProbe.Span libav = SegmentProbe.span(save(whole, "init-and-segment-" + n));
            long decode = f.baseMediaDecodeTime();
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            for (Boxes.Sample s : f.samples()) {
                long shown = decode + s.compositionOffset();
                first = Math.min(first, shown);
                last = Math.max(last, shown + s.duration());
                decode += s.duration();
            }
            return new Shown(n, f.baseMediaDecodeTime() / (double) timescale, first / (double) timescale, last / (double) timescale,
                    libav.start(), libav.end());
        }

        private byte[] fetch(String route) throws Exception {
            HttpResponse<byte[]> r = http.bytes(base + route, client);
            assertEquals(200, r.statusCode(), base + route + ": " + new String(r.body()));
            return r.body();
        }

        private Path save(byte[] bytes, String name) throws Exception {
            return Files.write(Files.createTempFile(dir, name.replace('/', '_'), ".mp4"), bytes);
        }
    }

    private static void assertFollowOn(List<Shown> played, boolean audio, String what) {
        assertFollowOn(played, audio ? AUDIO_GAP : VIDEO_GAP, audio ? AUDIO_OVERLAP : VIDEO_OVERLAP, what);
    }

    /** The segments follow on, as MSE and as libav read them. */
    private static void assertFollowOn(List<Shown> played, double gap, double overlap, String what) {
        assertFollowOn(played, gap, overlap, gap, overlap, what);
    }

    /**
     * As above, with libav's own tolerances: its MP4 demuxer moves each fragment later by its largest
     * negative composition offset (the encoder's reordering), which a copy and a transcode need not
     * share, so across a quality switch it reads them a frame or two apart (upstream's suite allows
     * 0.10 s there); MSE reads them exactly.
     */
    private static void assertFollowOn(List<Shown> played, double gap, double overlap, double libavGap, double libavOverlap,
                                       String what) {
        assertFollowOnAsRead(played, gap, overlap, what);
        assertFollowOnAsRead(played.stream().map(Shown::asLibavReads).toList(), libavGap, libavOverlap, what + " (read by libav)");
    }

    private static void assertFollowOnAsRead(List<Shown> played, double gap, double overlap, String what) {
        for (int i = 1; i < played.size(); i++) {
            Shown before = played.get(i - 1), after = played.get(i);
            assertTrue(after.end() > after.start(), what + ": segment " + after.segment() + " shows nothing");
            double delta = after.start() - before.end();
            assertTrue(delta <= gap, String.format("%s: a hole of %.3f s between segments %d and %d", what, delta, before.segment(), after.segment()));
            assertTrue(delta >= -overlap, String.format("%s: %.3f s shown twice between segments %d and %d", what, -delta, before.segment(), after.segment()));
        }
    }

    private List<Shown> play(Rendition r, int... segments) throws Exception {
        List<Shown> out = new ArrayList<>();
        for (int n : segments) out.add(r.segment(n));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void watchingInOrderEveryRenditionIsOneTimelineWithAbsoluteGrowingTfdts(Source source) throws Exception {
        String file = freshCopy(source.fixture());
        for (String rendition : renditions(source)) {
            Rendition r = new Rendition(file, rendition, "in-order");
            assertTrue(r.count() >= 3, rendition);
            List<Shown> played = new ArrayList<>();
            for (int n = 0; n < Math.min(r.count(), IN_ORDER); n++) played.add(r.segment(n));
            assertFollowOn(played, rendition.startsWith("/audio"), rendition);
            for (Shown s : played) {
                assertEquals(r.listedStart(s.segment()), s.tfdt(), TFDT_OFF, rendition + ": tfdt of segment " + s.segment() + " is its place on the timeline");
                if (s.segment() > 0) {
                    double step = s.tfdt() - played.get(s.segment() - 1).tfdt();
                    assertTrue(step > 0, rendition + ": tfdt grows at " + s.segment());
                    assertEquals(r.extinf.get(s.segment() - 1), step, TFDT_OFF, rendition + ": tfdt steps by the listed duration at " + s.segment());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void seekingForwardAndBackStaysContinuousInEachWindowWatched(Source source) throws Exception {
        String file = freshCopy(source.fixture());
        for (String rendition : List.of(source.video().get(0), source.video().get(1), source.audio().get(0))) {
            Rendition r = new Rendition(file, rendition, "seeker");
            int last = r.count() - 1, mid = r.count() / 2;
            // start, jump to the middle, back near the start, to the end, back to the middle
            for (int[] window : new int[][] {{0, 1, 2}, {mid, mid + 1}, {3, 4}, {last - 2, last - 1, last}, {mid, mid + 1}}) {
                List<Shown> played = play(r, window);
                assertFollowOn(played, rendition.startsWith("/audio"), rendition + " from " + window[0]);
                for (Shown s : played) assertEquals(r.listedStart(s.segment()), s.tfdt(), TFDT_OFF, rendition + ": deep segment " + s.segment() + "'s tfdt");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void switchingQualityBackAndForthNeverLeavesAHole(Source source) throws Exception {
        String file = freshCopy(source.fixture());
        List<Rendition> qualities = new ArrayList<>();
        for (String rendition : source.video()) qualities.add(new Rendition(file, rendition, "switcher"));
        // every quality cuts on the same keyframes, so their playlists list the same durations
        for (Rendition q : qualities) assertEquals(qualities.get(0).extinf, q.extinf);
        List<Shown> zigzag = new ArrayList<>();
        for (int n = 1; n <= 6; n++) zigzag.add(qualities.get(n % 2).segment(n));
        assertFollowOn(zigzag, VIDEO_GAP, VIDEO_OVERLAP, SWITCH, SWITCH, source.video() + " zigzag");
        // after sparse seeks in each quality, a stretch played across them: each switch lands on a fresh head
        int count = qualities.get(0).count();
        qualities.get(0).segment(0);
        qualities.get(0).segment(count - 3);
        qualities.get(1).segment(count - 2);
        List<Shown> across = List.of(qualities.get(1).segment(count - 4), qualities.get(0).segment(count - 3), qualities.get(1).segment(count - 2));
        assertFollowOn(across, VIDEO_GAP, VIDEO_OVERLAP, SWITCH, SWITCH, "switching " + source.video());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void playersSeekingTheSameFileTogetherEachSeeOneTimeline(Source source) throws Exception {
        String file = freshCopy(source.fixture());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> players = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                String client = "together-" + p;
                players.add(pool.submit(() -> {
                    Rendition r = new Rendition(file, source.video().get(0), client);
                    int count = r.count();
                    play(r, 0, count / 3, 2 * count / 3);
                    assertFollowOn(play(r, 1, 2, 3), false, client);
                    return null;
                }));
            }
            for (Future<?> f : players) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aTranscodeStartedForSegmentZeroStillMakesSegmentTwoWhole(Source source) throws Exception {
        String file = freshCopy(source.fixture());
        Rendition r = new Rendition(file, source.video().get(1), "first-window");
        r.segment(0);
        Shown two = r.segment(2);
        assertEquals(r.extinf.get(2), two.end() - two.start(), 0.05, "segment 2 lasts what the playlist says");
        assertEquals(r.extinf.get(2), two.libavEnd() - two.libavStart(), 0.05, "segment 2 lasts what the playlist says, read by libav");
    }

    private static List<String> renditions(Source source) {
        List<String> all = new ArrayList<>(source.video());
        all.addAll(source.audio());
        return all;
    }

    @Test
    void audioCrossesTheHundredSegmentHeadBoundaryWithoutAHoleOrAReset() throws Exception {
        // 130 one-second segments: a head makes at most 100, so segment 100 comes from a second head
        String file = freshCopy(TestMedia.manySegments());
        for (String rendition : List.of("/audio/0/original", "/audio/0/128k")) {
            Rendition r = new Rendition(file, rendition, "long-listener");
            assertTrue(r.count() > 101, rendition + " has " + r.count() + " segments");
            r.segment(0);
            List<Shown> boundary = play(r, 98, 99, 100, 101);
            assertFollowOn(boundary, true, rendition + " at 100");
            // never back to the start of a head's own window: each segment where the playlist puts it
            for (Shown s : boundary) assertEquals(r.listedStart(s.segment()), s.start(), TFDT_OFF, rendition + ": segment " + s.segment());
        }
        // copied audio, the first fifty segments in order: no hole anywhere
        Rendition copied = new Rendition(file, "/audio/0/original", "long-listener");
        List<Shown> first = new ArrayList<>();
        for (int n = 0; n <= 50; n++) first.add(copied.segment(n));
        assertFollowOn(first, true, "copied audio 0-50");
    }
}
