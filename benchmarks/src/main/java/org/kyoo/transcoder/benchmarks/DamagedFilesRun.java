package org.kyoo.transcoder.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.testmedia.Damage;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * The suite's DamagedMediaFuzzTest over many more files: damaged copies of every fixture format,
 * seeded (file i of seed s is always the same damage), through the routes a player uses, on an
 * in-process server. Prints how many answers were 500s, not JSON, or hung, and each such answer
 * with the seed that replays it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.kyoo.transcoder.benchmarks.DamagedFilesRun [files] [minutes] [seed]</pre>
 */
public final class DamagedFilesRun {
    private static final Duration HANGING = Duration.ofSeconds(75);
    private static final List<String> ROUTES = List.of("/info", "/master.m3u8", "/original/index.m3u8",
            "/original/segment-0.ts", "/original/segment-1.ts", "/240p/index.m3u8", "/240p/segment-0.ts",
            "/240p/segment-2.ts", "/audio/0/index.m3u8", "/audio/0/segment-0.ts");

    private DamagedFilesRun() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path dir = Files.createTempDirectory("damaged-run-");
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        List<Supplier<Path>> sources = new ArrayList<>(List.of(() -> TestMedia.mp4().path(),
                () -> TestMedia.mpegTsOffset().path(), () -> TestMedia.variableFrameRate().path(),
                () -> TestMedia.multiTrackMkv().path()));
        for (Formats.Format f : Formats.all()) sources.add(f.file());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        int requests = 0, made = 0, goodFailures = 0;
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        long started = System.nanoTime();
        try (TranscoderServer server = TranscoderServer.start(config)) {
            String base = "http://127.0.0.1:" + server.port() + "/";
            Path goodFile = Files.copy(TestMedia.mp4WithoutBFrames().path(), root.resolve("good.mp4"));
            for (int i = 0; i < files && System.nanoTime() < deadline; i++, made++) {
                Damage.Kind kind = Damage.Kind.values()[i % Damage.Kind.values().length];
                Path source = sources.get((i / Damage.Kind.values().length) % sources.size()).get();
                Path damaged = Damage.copy(source, kind, seed * 1_000_003L + i, root);
                String file = base + Base64Path.encode(damaged.toString());
                for (String route : ROUTES) {
                    requests++;
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(file + route))
                                .header("X-CLIENT-ID", "run").timeout(HANGING).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        boolean notJson = r.statusCode() >= 400 && !r.body().startsWith("{\"errors\":[");
                        if ((r.statusCode() >= 500 && r.statusCode() != 503) || notJson) {
                            bad.add("file " + i + " (" + damaged.getFileName() + ")" + route + " → " + r.statusCode() + " " + r.body());
                        }
                    } catch (HttpTimeoutException e) {
                        bad.add("file " + i + " (" + damaged.getFileName() + ")" + route + " hung");
                    }
                }
                HttpResponse<String> good = client.send(HttpRequest.newBuilder(URI.create(base + Base64Path.encode(goodFile.toString())
                        + "/original/segment-" + (i % 5) + ".ts")).header("X-CLIENT-ID", "good").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (good.statusCode() != 200) goodFailures++;
                Files.deleteIfExists(damaged);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d damaged files, %d requests in %.0f s: statuses %s; %d bad answers (500, not JSON or hung);"
                + " %d failures to serve the good file after one%n", made, requests, seconds, statuses, bad.size(), goodFailures);
        bad.forEach(System.out::println);
    }
}
