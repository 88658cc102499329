package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.storage.Stored;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request waiting on a segment: who asks reaches the engine, and a player that hangs up waits no more. */
class SegmentWaitTest {
    @TempDir Path dir;
    private FakeServer fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeServer(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void aPlayerThatHangsUpNoLongerWaitsOnItsSegment() throws Exception {
        CompletableFuture<Stored> segment = fake.movieStream.future("720p/3");
        try (Socket socket = new Socket("127.0.0.1", fake.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + fake.m + "/720p/segment-3.ts HTTP/1.1\r\nHost: localhost\r\nX-CLIENT-ID: gone\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the request waits", () -> fake.movieStream.pending() == 1 && segment.getNumberOfDependents() > 0);
        }
        await("the engine hears that nobody waits", segment::isCancelled);
        // the server goes on answering others
        fake.movieStream.makeReady("720p/0");
        assertEquals(200, fake.http.get(fake.m + "/720p/segment-0.ts", "player").statusCode());
    }

    @Test
    void aPlayerThatStaysGetsItsSegmentAndTheEngineKnowsWhoAsked() throws Exception {
        CompletableFuture<java.net.http.HttpResponse<String>> waiting = fake.http.getAsync(fake.m + "/720p/segment-3.ts", "stays");
        await("the request waits", () -> fake.movieStream.pending() == 1);
        assertEquals("stays", fake.movieStream.lastDemand().client());
        assertFalse(fake.movieStream.future("720p/3").isCancelled());
        fake.movieStream.makeReady("720p/3");
        assertEquals(200, waiting.get(30, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aKeptAliveConnectionServesItsNextRequestAfterAWaitedOne() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fake.server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            out.write(request("/720p/segment-3.ts"));
            out.flush();
            await("the request waits", () -> fake.movieStream.pending() == 1);
            fake.movieStream.makeReady("720p/3");
            assertTrue(response(in).contains("720p/3:"));
            fake.movieStream.makeReady("720p/4");
            out.write(request("/720p/segment-4.ts"));
            out.flush();
            assertTrue(response(in).contains("720p/4:"), "the same connection answers again");
        }
    }

    private byte[] request(String path) {
        return ("GET " + fake.m + path + " HTTP/1.1\r\nHost: localhost\r\nX-CLIENT-ID: kept\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One answer read off the connection: its head, then as many body bytes as its length says. */
    private static String response(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException(head.toString());
            head.append((char) c);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertTrue(length.find(), head.toString());
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            Thread.sleep(5);
        }
    }
}
