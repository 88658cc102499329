package org.kyoo.transcoder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.kyoo.transcoder.players.Chromium;
import org.kyoo.transcoder.players.WebPlayer;
import org.kyoo.transcoder.players.PlayerSite;
import org.kyoo.transcoder.players.PlayerState;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * What a viewer waits for in a real player: hls.js 1.7 in headless Chromium (the real-player
 * tests' harness) on the long 1080p file, from {@code loadSource} to the first frame shown, and
 * from a deep seek to a frame shown at the new position; at hls.js's automatic level and with
 * 720p chosen before playing. Every shot starts a new server on empty cache and metadata folders
 * (the file's info and keyframes included), as a viewer opening a file nobody played.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.kyoo.transcoder.benchmarks.BrowserPlayback [shots]</pre>
 */
public final class BrowserPlayback {
    private static final int WARMUP = 1;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private BrowserPlayback() {}

    /** One shot's figures (ms, the page's own clock). */
    record Shot(double firstFragmentMs, double firstFrameMs, double seekFragmentMs, double seekMs, String levels) {}

    public static void main(String[] args) throws Exception {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path media = BenchMedia.mkv().path();
        // deep seek: segment 90 of the 600 s file, as the in-process figures
        double deep = BenchMedia.seconds() * 0.75;
        StringBuilder table = new StringBuilder()
                .append("| figure (hls.js 1.7.4, headless Chromium) | automatic level | 720p chosen |\n")
                .append("|---|---|---|\n");
        try (Chromium chromium = Chromium.start()) {
            List<Shot> auto = run(chromium, media, 0, deep, shots);
            List<Shot> forced = run(chromium, media, 720, deep, shots);
            table.append(row("loadSource → first video segment received", auto, forced, Shot::firstFragmentMs));
            table.append(row("loadSource → first frame", auto, forced, Shot::firstFrameMs));
            String seek = String.format(Locale.ROOT, "seek to %.0f s", deep);
            table.append(row(seek + " → its segment received", auto, forced, Shot::seekFragmentMs));
            table.append(row(seek + " → frame shown there", auto, forced, Shot::seekMs));
        }
        System.out.println();
        System.out.print(table);
    }

    private static List<Shot> run(Chromium chromium, Path media, int height, double deep, int shots) throws Exception {
        List<Shot> measured = new ArrayList<>();
        for (int i = 0; i < WARMUP + shots; i++) {
            Shot shot = shot(chromium, media, height, deep);
            System.out.printf(Locale.ROOT, "%s shot %d%s: first segment %.0f ms, first frame %.0f ms, seek: segment %.0f ms, frame %.0f ms (%s)%n",
                    height == 0 ? "auto" : height + "p", i, i < WARMUP ? " (warm-up)" : "", shot.firstFragmentMs(),
                    shot.firstFrameMs(), shot.seekFragmentMs(), shot.seekMs(), shot.levels());
            if (i >= WARMUP) measured.add(shot);
        }
        return measured;
    }

    private static Shot shot(Chromium chromium, Path media, int height, double deep) throws Exception {
        Path dir = Files.createTempDirectory("browser-bench");
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0",
                "GOCODER_SAFE_PATH", media.getParent().toString()), dir);
        try (TranscoderServer server = TranscoderServer.start(config);
             PlayerSite site = PlayerSite.start(server.port())) {
            WebPlayer player = chromium.open(site);
            String master = site.origin() + "/" + Base64Path.encode(media.toRealPath().toString())
                    + "/master.m3u8?clientId=" + UUID.randomUUID();
            player.start(master, null, height);
            PlayerState first = player.await("the first frame", WAIT, s -> s.firstFrameMs() > 0);
            if (height != 0 && first.level() != null && first.level().height() != height) {
                throw new IllegalStateException("asked for " + height + "p, played " + first.level());
            }
            player.await("playing", WAIT, s -> s.currentTime() > 1);
            player.seek(deep);
            PlayerState sought = player.await("a frame at " + deep, WAIT, s -> s.seekPlayingMs() > 0);
            return new Shot(first.firstFragmentMs(), first.firstFrameMs(), sought.seekFragmentMs(), sought.seekPlayingMs(),
                    "first frame at " + height(first) + ", after the seek at " + height(sought));
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String height(PlayerState state) {
        return state.level() == null ? "?" : state.videoWidth() + "x" + state.videoHeight();
    }

    private static String row(String what, List<Shot> auto, List<Shot> forced, ToDoubleFunction<Shot> figure) {
        return "| " + what + " | " + summary(auto, figure) + " | " + summary(forced, figure) + " |\n";
    }

    private static String summary(List<Shot> shots, ToDoubleFunction<Shot> figure) {
        double[] values = shots.stream().mapToDouble(figure).toArray();
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double min = Arrays.stream(values).min().orElse(Double.NaN);
        double max = Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f, n=%d)", mean, min, max, values.length);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder: best effort
        }
    }
}
