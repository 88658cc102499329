package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * Every kind of file a library holds ({@link Formats#library()}), played by hls.js, Shaka Player
 * and mpv on both tables. The web players each as a strict viewer ({@link Viewer}): start, a level
 * and an audio switch where there are others, three seeks (one far), the picture of the level
 * played, and no error nobody expected. mpv (libavformat's HLS reader, as native players read)
 * to the end, with nothing wrong in its log. One server and one browser for
 * all; each play is a few seconds.
 */
class LibraryPlayersTest extends BrowserTest {
    /** mpv: a small file from its seek to its end, the 1080p file from its middle to its end. */
    private static final Duration MPV_PLAY = Duration.ofSeconds(60);

    /** The fixtures played: all, or those whose name matches {@code -Dlibrary.only} (a regular expression, to look at a few). */
    static List<Formats.Format> library() {
        String only = System.getProperty("library.only");
        return Formats.library().stream().filter(f -> only == null || f.name().matches(only)).toList();
    }

    @Override
    String table() {
        return "";
    }

    static Stream<Arguments> players() {
        List<Arguments> all = new ArrayList<>();
        for (WebPlayer.Kind kind : WebPlayer.Kind.values()) {
            for (String table : List.of("", "/video")) all.add(Arguments.of(kind, table));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("players")
    void everyWebPlayerPlaysEveryKindOfFile(WebPlayer.Kind kind, String table) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Formats.Format format : library()) {
            String what = format.name() + " (" + tableName(table) + ")";
            long started = System.nanoTime();
            String failed = null;
            try {
                WebPlayer player = open(kind);
                String master = bench.route(table, format.file().get()) + "/master.m3u8?clientId=" + UUID.randomUUID();
                List<String> unexpected = new Viewer(player, what, ExpectedErrors.of(kind)).watch(master);
                if (!unexpected.isEmpty()) failed = what + ": errors nobody expected " + unexpected;
            } catch (AssertionError | RuntimeException e) {
                failed = what + ": " + e.getMessage();
            }
            ExpectedErrors.Open open = ExpectedErrors.open(kind, table, format.name());
            if (failed != null && open != null) {
                System.out.printf("OPEN (issue 22) %s %s: %s%n  %s%n", kind, what, open.found(), failed);
            } else if (failed != null) {
                failures.add(failed);
            }
            System.out.printf("%s %s: %d ms%n", kind, what, (System.nanoTime() - started) / 1_000_000);
        }
        assertTrue(failures.isEmpty(), failures.size() + " files did not play as a viewer expects:\n" + String.join("\n", failures));
    }

    /**
     * mpv on the MPEG-TS table from a seek to 40 % to the end of every file; on Kyoo's table (fMP4)
     * from the start to the end, since no seek in fMP4 HLS works in Debian 12's libavformat 5.1: its
     * HLS reader keeps the MP4 reader's samples from before the seek and reads them at the new
     * segment's offsets ("Invalid NAL unit size", "partial file"; Apple's own fMP4 example fails the
     * same way, mpv issue 15184; fixed in FFmpeg by commit 380a518c, 7.1 on). That seek, from the
     * middle of the 1080p file, is played on both tables: it must play on MPEG-TS, and on fMP4 it must
     * either play or fail with exactly that bug.
     */
    @ParameterizedTest(name = "mpv on {0}")
    @ValueSource(strings = {"", "/video"})
    void mpvPlaysEveryKindOfFileToItsEnd(String table) throws Exception {
        boolean fmp4 = !table.isEmpty();
        List<String> failures = new ArrayList<>();
        for (Formats.Format format : library()) {
            String what = format.name() + " (" + tableName(table) + ")";
            Mpv.Play play = mpv(what, bench.route(table, format.file().get()), fmp4 ? null : "40%");
            if (clean(play)) continue;
            ExpectedErrors.MpvOpen open = ExpectedErrors.mpvOpen(table, format.name());
            String failed = what + ": exit " + play.exitCode() + ", " + unexpected(play) + " " + play.lines();
            if (open != null) System.out.printf("OPEN (issue 22) mpv %s: %s%n  %s%n", what, open.found(), failed);
            else failures.add(failed);
        }
        Path hd = TestMedia.long1080p(60, 5).path();
        String what = "the 1080p file from its middle (" + tableName(table) + ")";
        Mpv.Play play = mpv(what, bench.route(table, hd), "50%");
        boolean libavBug = fmp4 && play.trouble().stream().anyMatch(l -> l.contains("Invalid NAL unit size") || l.contains("partial file"));
        if (libavBug) System.out.println("mpv " + what + ": libavformat 5.1's fMP4 HLS seek bug, as expected: " + play.trouble().get(0));
        else if (!clean(play)) failures.add(what + ": exit " + play.exitCode() + ", " + unexpected(play) + " " + play.lines());
        assertTrue(failures.isEmpty(), failures.size() + " files did not play to their end in mpv:\n" + String.join("\n", failures));
    }

    /** Exit 0 at the end of the file, and no warning or error but those named as expected. */
    private static boolean clean(Mpv.Play play) {
        return play.exitCode() == 0 && play.endedAtEndOfFile() && unexpected(play).isEmpty();
    }

    private static List<String> unexpected(Mpv.Play play) {
        return play.trouble().stream().filter(l -> ExpectedErrors.MPV.stream().noneMatch(e -> e.error().matcher(l).find())).toList();
    }

    private static Mpv.Play mpv(String what, String route, String start) throws Exception {
        Mpv.Play play = Mpv.play(route + "/master.m3u8?clientId=" + UUID.randomUUID(), start, MPV_PLAY);
        System.out.printf("mpv %s: %d ms, exit %d, picture %s%n", what, play.millis(), play.exitCode(), play.pictureSize());
        return play;
    }

    private static String tableName(String table) {
        return table.isEmpty() ? "MPEG-TS table" : "Kyoo's table";
    }
}
