package org.kyoo.transcoder.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server's heads do while a player waits: {@code /video/streams} read every 50 ms on a
 * thread of its own, each change kept with its time (nanoTime), as {@code 720p#3@54/100} (stream,
 * head id, segment being made, where it ends).
 */
final class HeadsWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The heads running at {@code at} (nanoTime). */
    record Seen(long at, List<String> heads) {}

    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    HeadsWatch(int serverPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/video/streams")).build();
        thread = new Thread(() -> {
            List<String> last = null;
            while (!stop) {
                try {
                    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    List<String> heads = new ArrayList<>();
                    for (JsonNode h : JSON.readTree(body).path("heads")) {
                        heads.add(h.path("stream").asText() + "#" + h.path("id").asInt() + "@" + h.path("position").asInt()
                                + "/" + h.path("end").asInt());
                    }
                    if (!heads.equals(last)) {
                        synchronized (seen) {
                            seen.add(new Seen(System.nanoTime(), heads));
                        }
                        last = heads;
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the server is going away: the watch ends with it
                    if (stop) return;
                }
            }
        }, "heads-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The changes seen between {@code from} and {@code to} (nanoTime), with the state at {@code from} first. */
    List<Seen> between(long from, long to) {
        List<Seen> out = new ArrayList<>();
        synchronized (seen) {
            Seen before = null;
            for (Seen s : seen) {
                if (s.at() <= from) before = s;
                else if (s.at() <= to) out.add(s);
            }
            if (before != null) out.add(0, new Seen(from, before.heads()));
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(2000);
    }
}
