package org.kyoo.transcoder.players.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One transcoder instance as deployed: its own JVM (this test's class path), configured through
 * its environment, named, on a fixed port (a restart comes back where the proxy expects it).
 */
public final class InstanceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public final String name;
    public final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private final Thread reaper = new Thread(this::kill, "instance-reaper");

    public InstanceProcess(String name, int port, Path dir, Path media, Map<String, String> extra) throws IOException {
        this.name = name;
        this.port = port;
        this.log = dir.resolve(name + ".log");
        Map<String, String> env = new HashMap<>(extra);
        env.put("GOCODER_INSTANCE", name);
        env.put("GOCODER_PORT", Integer.toString(port));
        env.put("GOCODER_SAFE_PATH", media.toString());
        env.put("GOCODER_CACHE_ROOT", Files.createDirectories(dir.resolve(name + "-cache")).toString());
        env.put("GOCODER_METADATA_ROOT", Files.createDirectories(dir.resolve(name + "-metadata")).toString());
        env.put("GOCODER_HWACCEL", "disabled");
        env.put("MALLOC_ARENA_MAX", "2");
        this.env = env;
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts it and waits until {@code /ready} answers 200. */
    public InstanceProcess start() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "org.kyoo.transcoder.server.Main")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException(name + " exited (" + process.exitValue() + "): " + tail());
            try {
                if (get("/ready").statusCode() == 200) return this;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " was not ready within 60 s: " + tail());
    }

    public HttpResponse<String> get(String route) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no flush, no goodbye. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }
}
