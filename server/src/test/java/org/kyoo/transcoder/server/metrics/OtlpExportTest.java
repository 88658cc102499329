package org.kyoo.transcoder.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an OTLP endpoint set, the same meters are pushed there (at the latest when the server stops). */
class OtlpExportTest {
    @TempDir
    Path dir;

    @Test
    void metersArePushedToTheEndpoint() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/metrics", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Metrics metrics = new Metrics(dir, () -> 3, java.util.List::of, "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics");
            metrics.registry().counter("transcoder.segments.produced", "kind", "video").increment();
            metrics.close(); // a push registry publishes what it has when closed
        } finally {
            collector.stop(0);
        }
        assertEquals(1, received.size(), received.toString());
        String push = received.get(0);
        assertTrue(push.startsWith("POST application/x-protobuf"), push);
        // protobuf carries names as plain strings
        assertTrue(push.contains("transcoder.segments.produced"), "the transcoder's meters are in the push");
        assertTrue(push.contains("transcoder.players.tracked"));
    }
}
