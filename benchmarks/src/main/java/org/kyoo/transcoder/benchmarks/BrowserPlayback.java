package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.players.Chromium;
import org.kyoo.transcoder.players.WebPlayer;

/**
 * What a viewer waits for in real players: hls.js and Shaka Player in headless Chromium (the
 * real-player tests' harness), on both tables, at the player's automatic level and with 720p chosen
 * before playing, on the long 1080p H.264 file and a 10-bit HEVC 720p one. Per session: the first
 * frame of a file never seen (a server on empty metadata and cache folders), then a first seek, a
 * far one and later ones, each from the seek to frames shown at the new position, with the trace of
 * what the player asked for and what the heads did meanwhile; then the first frame of the same
 * file, prepared (a new server on the same metadata, an empty cache). p50 / p95 / max per figure.
 *
 * <pre>java [-Dbrowser.shots=1] [-Dbrowser.players=HLS_JS,SHAKA] [-Dbrowser.tables=ts,fmp4]
 *      [-Dbrowser.files=h264,hevc10] [-Dbrowser.levels=0,720] [-Dbrowser.out=FILE]
 *      [-Dbrowser.into=2.5] [-Dbrowser.shakaTolerance=SECONDS (Shaka's inaccurateManifestTolerance; its default: 2)]
 *      -cp benchmarks/target/benchmarks.jar org.kyoo.transcoder.benchmarks.BrowserPlayback</pre>
 */
public final class BrowserPlayback {
    /**
     * Where the seeks land, as fractions of the duration: first, then later ones, one far; each
     * {@link #INTO_SEGMENT} further, into the middle of a segment, where a click on a seek bar lands
     * on average: the fractions fall on segment starts of both files (5-s segments over 600 s, 4-s
     * over 120 s), a case measured apart with {@code -Dbrowser.into=0}; {@code 1.3} lands within
     * Shaka's default 2-s lookup tolerance of a segment's start.
     */
    private static final double[] SEEKS = {0.4, 0.2, 0.9, 0.6, 0.3};
    /** Seconds past each fraction of the duration a seek lands. */
    private static final double INTO_SEGMENT = Double.parseDouble(System.getProperty("browser.into", "2.5"));
    /** Length of the 10-bit HEVC source (s): x265 makes it in-process, about real time on 2 cores. */
    private static final int HEVC_SECONDS = 120;

    private BrowserPlayback() {}

    record Row(String file, BrowserShot shot, List<Double> newFirst, List<Double> preparedFirst, List<BrowserShot.Seek> seeks) {}

    public static void main(String[] args) throws Exception {
        int shots = Integer.getInteger("browser.shots", 1);
        List<String> players = List.of(System.getProperty("browser.players", "HLS_JS,SHAKA").split(","));
        List<String> tables = List.of(System.getProperty("browser.tables", "ts,fmp4").split(","));
        List<String> files = List.of(System.getProperty("browser.files", "h264,hevc10").split(","));
        List<String> levels = List.of(System.getProperty("browser.levels", "0,720").split(","));
        List<Row> rows = new ArrayList<>();
        try (Chromium chromium = Chromium.start()) {
            for (String file : files) {
                Path media = file.equals("hevc10") ? TestMedia.hevc10bit720p(HEVC_SECONDS).path() : BenchMedia.mkv().path();
                for (String table : tables) {
                    for (String player : players) {
                        for (String level : levels) {
                            BrowserShot shot = new BrowserShot(WebPlayer.Kind.valueOf(player), table.equals("fmp4") ? "/video" : "",
                                    Integer.parseInt(level));
                            rows.add(row(chromium, file, media, shot, shots));
                        }
                    }
                }
            }
        }
        String table = table(rows);
        System.out.println();
        System.out.print(table);
        Path out = Path.of(System.getProperty("browser.out", "benchmarks/target/browser.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }

    private static Row row(Chromium chromium, String file, Path media, BrowserShot shot, int shots) throws Exception {
        Row row = new Row(file, shot, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < shots; i++) {
            Path config = Files.createTempDirectory("browser-bench");
            try {
                BrowserShot.Session fresh = shot.play(chromium, media, config, SEEKS, INTO_SEGMENT);
                BrowserShot.Session prepared = shot.play(chromium, media, config, new double[0], 0);
                row.newFirst().add(fresh.firstFrameMs());
                row.preparedFirst().add(prepared.firstFrameMs());
                row.seeks().addAll(fresh.seeks());
                System.out.printf(Locale.ROOT, "%s %s shot %d: first frame %.0f ms (never seen), %.0f ms (prepared), at %s%n"
                                + "  never seen:%n%s  prepared:%n%s", file, shot.name(), i, fresh.firstFrameMs(),
                        prepared.firstFrameMs(), fresh.level(), fresh.firstTrace(), prepared.firstTrace());
                for (BrowserShot.Seek seek : fresh.seeks()) {
                    System.out.printf(Locale.ROOT, "  %s seek to %.1f s: frames shown after %.0f ms (first request at %.0f ms,"
                            + " its fragment received at %.0f ms)%n%s", seek.what(), seek.at(), seek.frameMs(), seek.askMs(),
                            seek.fragmentMs(), seek.trace());
                }
            } finally {
                deleteQuietly(config);
            }
        }
        return row;
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| file | player | table | level | first frame, never seen | first frame, prepared"
                + " | first seek | far seek | later seeks | every seek p50 / p95 / max | of which: to the fragment received (p50 / p95) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            BrowserShot shot = row.shot();
            out.append("| ").append(row.file().equals("hevc10") ? "10-bit HEVC 720p" : "1080p H.264").append(" | ")
                    .append(shot.kind() == WebPlayer.Kind.SHAKA ? "Shaka" : "hls.js").append(" | ")
                    .append(shot.table().isEmpty() ? "MPEG-TS" : "fMP4").append(" | ")
                    .append(shot.height() == 0 ? "auto" : shot.height() + "p").append(" | ")
                    .append(ms(row.newFirst())).append(" | ").append(ms(row.preparedFirst())).append(" | ")
                    .append(seeks(row, s -> s.what().equals("first"))).append(" | ")
                    .append(seeks(row, s -> s.what().equals("far"))).append(" | ")
                    .append(seeks(row, s -> s.what().equals("later"))).append(" | ")
                    .append(seeks(row, s -> true)).append(" | ")
                    .append(percentiles(row.seeks().stream().mapToDouble(BrowserShot.Seek::fragmentMs).toArray(), false)).append(" |\n");
        }
        return out.toString();
    }

    private static String seeks(Row row, Predicate<BrowserShot.Seek> which) {
        return percentiles(row.seeks().stream().filter(which).mapToDouble(BrowserShot.Seek::frameMs).toArray(), true);
    }

    private static String ms(List<Double> values) {
        return percentiles(values.stream().mapToDouble(Double::doubleValue).toArray(), true);
    }

    /** One value as is; several as p50 / p95 / max (nearest rank), in seconds. */
    private static String percentiles(double[] values, boolean withMax) {
        if (values.length == 0) return "—";
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 1) return String.format(Locale.ROOT, "%.2f s", v[0] / 1000);
        String s = String.format(Locale.ROOT, "%.2f / %.2f", rank(v, 0.5) / 1000, rank(v, 0.95) / 1000);
        return withMax ? s + String.format(Locale.ROOT, " / %.2f s (n=%d)", v[v.length - 1] / 1000, v.length) : s + " s";
    }

    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: best effort
        }
    }
}
