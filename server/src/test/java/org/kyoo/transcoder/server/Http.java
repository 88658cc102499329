package org.kyoo.transcoder.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.server.paths.Base64Path;

/** The JDK's HTTP client pointed at a test server, speaking as one player. */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The route prefix for a file: its URL-safe base64 path. */
    public static String file(java.nio.file.Path path) {
        return "/" + Base64Path.encode(path.toString());
    }

    /** The client itself, for body handlers this class has no shortcut for. */
    public HttpClient client() {
        return client;
    }

    public HttpRequest.Builder request(String path, String clientId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (clientId != null) builder.header("X-CLIENT-ID", clientId);
        return builder;
    }

    public HttpResponse<String> get(String path, String clientId) throws IOException, InterruptedException {
        return client.send(request(path, clientId).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String path, String clientId) throws IOException, InterruptedException {
        return client.send(request(path, clientId).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, String clientId) {
        return client.sendAsync(request(path, clientId).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
