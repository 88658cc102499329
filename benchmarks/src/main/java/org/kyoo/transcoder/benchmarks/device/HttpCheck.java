package org.kyoo.transcoder.benchmarks.device;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a player gets from a running server for one file: {@code /ready}, {@code /info}, the master
 * playlist and the first 720p segment, each with its status, type, size and the start of its body.
 * Every request has a deadline, so a hanging server shows as a timeout, not as a stuck check.
 */
final class HttpCheck {
    /** One request and what came back; {@code status} -1 when no answer came (refused, timed out). */
    record Answer(String what, int status, String type, int bytes, long millis, String excerpt) {}

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HttpCheck(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The answers for {@code file}, the segment waiting up to {@code segmentSeconds}. */
    List<Answer> check(Path file, int segmentSeconds) {
        String path = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        List<Answer> answers = new ArrayList<>();
        answers.add(get("/ready", "/ready", 10));
        answers.add(get("/info", "/" + path + "/info", 60));
        answers.add(get("master playlist", "/" + path + "/master.m3u8", 30));
        answers.add(get("720p segment 0", "/" + path + "/720p/segment-0.ts", segmentSeconds));
        return answers;
    }

    private Answer get(String what, String route, int seconds) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + route))
                .timeout(Duration.ofSeconds(seconds))
                .header("X-CLIENT-ID", "hardware-check")
                .GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            byte[] body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(what, response.statusCode(), type, body.length, millis, excerpt(type, body));
        } catch (Exception e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Answer(what, -1, "", 0, millis, e.toString());
        } 
    }

    /** Text as text (one line), a transport stream as whether it starts with the TS sync byte. */
    private static String excerpt(String type, byte[] body) {
        if (type.startsWith("video/mp2t")) {
            boolean sync = body.length >= 188 && body[0] == 0x47 && body[188 % body.length] == 0x47;
            return body.length + " bytes, " + (sync ? "starts with TS packets (0x47 every 188 bytes)" : "NOT a TS stream");
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
