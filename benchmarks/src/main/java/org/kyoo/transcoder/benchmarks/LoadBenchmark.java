package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated players against the server process, the scheduler (GOCODER_PLANNER=time) against the
 * previous fixed-distance behaviour (GOCODER_PLANNER=distance) in one run. Each player keeps one
 * segment ahead at real-time pace: it asks for n + 1 when n starts playing; a stall is n + 1
 * arriving after n ended. Now and then it seeks (a random segment, timed as seek-to-ready) or
 * switches quality. After the players leave, it measures how long until the server's CPU is
 * idle (under 5 % of a core over a second) and its RSS.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.kyoo.transcoder.benchmarks.LoadBenchmark</pre>
 * Properties: load.players (1,4,10,30), load.seconds (90 measured per row), load.warmup (10: the
 * first seconds of a row, whose requests and CPU are left out: every player starts cold),
 * load.idle (40, longest wait for idle), load.planners (time,distance), load.presets (superfast:
 * start-up presets tried with the time planner, e.g. veryfast,superfast), load.loadPresets
 * (superfast: GOCODER_LOAD_PRESET values tried with the time planner, "off" for none),
 * load.before (veryfast: the start-up preset of the distance rows, the previous default),
 * load.slow (players of the slow case, 4; 0: none), load.seekChance (0.08 per segment), load.out
 * (benchmarks/target/load.md), bench.seconds (media length, 600).
 */
public final class LoadBenchmark {
    /** load.seekChance: more seeks per row make its p95 seek-to-ready mean more (8 % by default). */
    private static final double SEEK_CHANCE = Double.parseDouble(System.getProperty("load.seekChance", "0.08")), SWITCH_CHANCE = 0.05;
    private static final long TICKS = 100; // USER_HZ: /proc times are in 1/100 s

    private record Level(String planner, String preset, String loadPreset, String source, String quality, String other, int players) {}

    private record Result(Level level, int requests, int seeks, int stalls, int unavailable, double p50, double p95, double seekP50,
                          double seekP95, double seekMax,
                          double cpuPerWatched, double idleAfter, double cpuAfter, long rssPlaying, long rssAfter) {}

    private static final class Tally {
        /** Requests asked before this (System.nanoTime) are warm-up: not counted. */
        volatile long countFrom = Long.MAX_VALUE;
        final List<Double> waits = Collections.synchronizedList(new ArrayList<>());
        final List<Double> seeks = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger stalls = new AtomicInteger(), unavailable = new AtomicInteger();
        double watched;

        synchronized void watched(double seconds) {
            watched += seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = ints(System.getProperty("load.players", "1,4,10,30"));
        int seconds = Integer.getInteger("load.seconds", 90);
        int warmup = Integer.getInteger("load.warmup", 10);
        int idle = Integer.getInteger("load.idle", 40);
        String[] presets = System.getProperty("load.presets", "superfast").split(",");
        String[] loadPresets = System.getProperty("load.loadPresets", "superfast").split(",");
        String before = System.getProperty("load.before", "veryfast");
        int slow = Integer.getInteger("load.slow", 4);
        String[] planners = System.getProperty("load.planners", "time,distance").split(",");
        Path file = BenchMedia.mkv().path();
        List<Level> levels = new ArrayList<>();
        for (int players : counts) {
            for (String p : planners) {
                if (!p.equals("time")) {
                    // the previous behaviour with the previous defaults (the old rule never over-commits its slots)
                    levels.add(new Level(p, before, "off", "1080p H.264", "720p", "480p", players));
                    continue;
                }
                // start-up and load presets are scheduling questions only for the scheduler's rows
                for (String preset : presets) {
                    for (String load : loadPresets) levels.add(new Level(p, preset, load, "1080p H.264", "720p", "480p", players));
                }
            }
        }
        // encoding 1080p is slower than real time on a small machine: the case the fixed 60-s rule gets wrong
        if (slow > 0) for (String p : planners) {
            boolean time = p.equals("time");
            levels.add(new Level(p, time ? presets[0] : before, time ? loadPresets[0] : "off", "1080p H.264, slow (→1080p)", "1080p", "720p", slow));
        }
        List<Result> results = new ArrayList<>();
        for (Level level : levels) {
            Result r = run(file, level, warmup, seconds, idle);
            results.add(r);
            System.out.println(row(r));
        }
        String table = table(results, warmup, seconds);
        System.out.println();
        System.out.println(table);
        Path out = Path.of(System.getProperty("load.out", "benchmarks/target/load.md")).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static Result run(Path file, Level level, int warmup, int seconds, int idleLimit) throws Exception {
        Path cache = InProcessEngine.freshDir("load-cache");
        Path metadata = InProcessEngine.freshDir("load-metadata");
        Path log = Files.createTempFile("load-server", ".log");
        try (ServerProcess server = ServerProcess.start(file.getParent(), cache, metadata, log, Map.of("GOCODER_PLANNER", level.planner(),
                "GOCODER_STARTUP_PRESET", level.preset(),
                "GOCODER_LOAD_PRESET", level.loadPreset().equals("off") ? "" : level.loadPreset()))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port();
            Map<String, double[]> durations = Map.of(
                    level.quality(), durations(server.text(ServerProcess.route(file, "/" + level.quality() + "/index.m3u8"), "warm-up")),
                    level.other(), durations(server.text(ServerProcess.route(file, "/" + level.other() + "/index.m3u8"), "warm-up")));
            Tally tally = new Tally();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> players = new ArrayList<>();
            for (int i = 0; i < level.players(); i++) {
                int id = i;
                Thread t = new Thread(() -> play(client, base, file, level, durations, id, stop, tally), "player " + i);
                t.start();
                players.add(t);
            }
            Thread.sleep(warmup * 1000L);
            long cpuBefore = cpuTicks(server.pid());
            tally.countFrom = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long cpuLeft = cpuTicks(server.pid());
            long cpuPlaying = cpuLeft - cpuBefore;
            long rssPlaying = rss(server.pid());
            // players leave now: requests in flight are abandoned with them
            for (Thread t : players) t.interrupt();
            long left = System.nanoTime();
            double idleAfter = Double.NaN;
            long last = cpuTicks(server.pid());
            while ((System.nanoTime() - left) / 1e9 < idleLimit) {
                Thread.sleep(1000);
                long now = cpuTicks(server.pid());
                if (now - last < TICKS / 20) {
                    idleAfter = (System.nanoTime() - left) / 1e9;
                    break;
                }
                last = now;
            }
            long rssAfter = rss(server.pid());
            // what the server spent for nobody: from the players leaving until idle (or the limit)
            double cpuAfter = (cpuTicks(server.pid()) - cpuLeft) / (double) TICKS;
            for (Thread t : players) t.join(5000);
            double cpuPerWatched = tally.watched == 0 ? Double.NaN : cpuPlaying / (double) TICKS / tally.watched;
            return new Result(level, tally.waits.size() + tally.seeks.size(), tally.seeks.size(), tally.stalls.get(), tally.unavailable.get(),
                    percentile(tally.waits, 50), percentile(tally.waits, 95),
                    percentile(tally.seeks, 50), percentile(tally.seeks, 95), percentile(tally.seeks, 100),
                    cpuPerWatched, idleAfter, cpuAfter, rssPlaying, rssAfter);
        } finally {
            InProcessEngine.delete(cache);
            InProcessEngine.delete(metadata);
        }
    }

    private static void play(HttpClient client, String base, Path file, Level level, Map<String, double[]> durations, int id,
                             AtomicBoolean stop, Tally tally) {
        Random random = new Random(42 + id);
        String quality = level.quality();
        int count = durations.get(quality).length;
        // players arrive anywhere in the file, the first at its start
        int n = id == 0 ? 0 : random.nextInt(count);
        boolean seeking = true;
        double playedUntil = 0;
        try {
            while (!stop.get()) {
                long asked = System.nanoTime();
                int status = get(client, base + ServerProcess.route(file, "/" + quality + "/segment-" + n + ".ts"), "player-" + id);
                double now = (System.nanoTime() - asked) / 1e9;
                if (stop.get()) return;
                if (status == 503) {
                    if (asked >= tally.countFrom) tally.unavailable.incrementAndGet();
                    continue;
                }
                if (status != 200) throw new IOException("segment " + n + ": " + status);
                double arrived = seconds();
                boolean counted = asked >= tally.countFrom;
                if (counted) (seeking ? tally.seeks : tally.waits).add(now);
                if (counted && !seeking && arrived > playedUntil) tally.stalls.incrementAndGet();
                double starts = Math.max(arrived, playedUntil);
                double duration = durations.get(quality)[n];
                playedUntil = starts + duration;
                if (counted) tally.watched(duration);
                // the next request when this segment starts playing
                long sleep = (long) ((starts - seconds()) * 1000);
                if (sleep > 0) Thread.sleep(sleep);
                seeking = false;
                if (random.nextDouble() < SEEK_CHANCE) {
                    n = random.nextInt(count);
                    seeking = true;
                    playedUntil = 0;
                } else {
                    if (random.nextDouble() < SWITCH_CHANCE) quality = quality.equals(level.quality()) ? level.other() : level.quality();
                    n = n + 1 < count ? n + 1 : 0;
                    if (n == 0) seeking = true;
                }
            }
        } catch (InterruptedException e) {
            // the player left
        } catch (IOException e) {
            if (!stop.get()) System.err.println("player " + id + ": " + e.getMessage());
        }
    }

    private static double seconds() {
        return System.nanoTime() / 1e9;
    }

    private static int get(HttpClient client, String uri, String clientId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).header("X-CLIENT-ID", clientId)
                .timeout(Duration.ofSeconds(90)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        return response.statusCode();
    }

    private static double[] durations(String playlist) {
        List<Double> d = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXTINF:")) d.add(Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(','))));
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 (utime, stime), counted from the state field (3)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) return Double.NaN;
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static List<Integer> ints(String csv) {
        List<Integer> all = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) all.add(Integer.parseInt(s.trim()));
        return all;
    }

    private static String row(Result r) {
        Level l = r.level();
        return String.format(java.util.Locale.ROOT, "| %s | %s | %s | %s → %s | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f / %.2f / %.2f | %.2f | %s | %.1f | %d / %d |",
                l.planner().equals("time") ? "expected time" : "60-s distance (before)", l.preset(), l.loadPreset(), l.source(), l.quality(),
                l.players(), r.requests(), r.seeks(), r.stalls(), r.unavailable(), r.p50(), r.p95(), r.seekP50(), r.seekP95(), r.seekMax(), r.cpuPerWatched(),
                Double.isNaN(r.idleAfter()) ? "not idle" : String.format(java.util.Locale.ROOT, "%.0f", r.idleAfter()), r.cpuAfter(),
                r.rssPlaying() >> 20, r.rssAfter() >> 20);
    }

    private static String table(List<Result> results, int warmup, int seconds) {
        StringBuilder b = new StringBuilder();
        b.append("Players for ").append(warmup).append(" s of warm-up (not counted), then ").append(seconds)
                .append(" s measured, a fresh server per row; seek chance ").append(SEEK_CHANCE).append(" per segment.\n\n");
        b.append("| planner | start-up preset | load preset | source → quality | players | requests | seeks | stalls | 503 | p50 wait (s) | p95 wait (s) | seek-to-ready p50 / p95 / max (s) | CPU s per watched s | idle after leaving (s) | CPU s after leaving | RSS playing / after (MiB) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) b.append(row(r)).append('\n');
        return b.toString();
    }

    private LoadBenchmark() {}
}
