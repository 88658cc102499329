package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.processes.ChildProcesses;

/**
 * The server, run as it is deployed: its own JVM (from this jar's class path), configured through
 * its environment, on a free port, serving the benchmark media folder.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Path safeRoot, Path cache, Path metadata, Path log) throws IOException, InterruptedException {
        return start(safeRoot, cache, metadata, log, java.util.Map.of());
    }

    /** @param extra more environment (the scheduling knobs), over the defaults */
    static ServerProcess start(Path safeRoot, Path cache, Path metadata, Path log, java.util.Map<String, String> extra)
            throws IOException, InterruptedException {
        int port = ChildProcesses.freePort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.kyoo.transcoder.server.Main")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = builder.environment();
        env.put("GOCODER_SAFE_PATH", safeRoot.toString());
        env.put("GOCODER_CACHE_ROOT", cache.toString());
        env.put("GOCODER_METADATA_ROOT", metadata.toString());
        env.put("GOCODER_PORT", Integer.toString(port));
        env.put("GOCODER_HWACCEL", "disabled");
        env.putAll(extra);
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitListening(log);
        return server;
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("the server exited (" + process.exitValue() + "); see " + log);
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("the server did not listen on " + port + " within 60 s; see " + log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The route of {@code file} with {@code rest} appended ("/720p/segment-3.ts"). */
    static String route(Path file, String rest) {
        return "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(file.toString().getBytes(StandardCharsets.UTF_8)) + rest;
    }

    /** GETs {@code route} as {@code clientId}, reads the whole body, returns its length; non-200 throws. */
    long get(String route, String clientId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route))
                .header("X-CLIENT-ID", clientId)
                .timeout(Duration.ofSeconds(90))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + route + ": " + response.statusCode() + " "
                        + new String(body.readNBytes(500), StandardCharsets.UTF_8));
            }
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** GETs a text answer (a playlist, the info). */
    String text(String route, String clientId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route))
                .header("X-CLIENT-ID", clientId)
                .timeout(Duration.ofSeconds(90))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("GET " + route + ": " + response.statusCode() + " " + response.body());
        return response.body();
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
