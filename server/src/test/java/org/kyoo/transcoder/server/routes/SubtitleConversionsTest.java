package org.kyoo.transcoder.server.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.extract.WebVttSegments;
import org.kyoo.transcoder.server.http.Failure;

/** Subtitle work is bounded (a full queue answers 503, never hangs) and a WebVTT file is parsed once. */
class SubtitleConversionsTest {
    @TempDir
    Path dir;

    @Test
    void pastTheQueueARequestIsA503NotAHang() throws Exception {
        SubtitleConversions conversions = new SubtitleConversions(1, 1, 4);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> extracted = new CompletableFuture<>();
        CompletableFuture<String> extractedLater = new CompletableFuture<>();
        CompletableFuture<String> running = conversions.after(CompletableFuture.completedFuture(null), () -> {
            await(release);
            return "first";
        });
        CompletableFuture<String> waiting = conversions.after(extracted, () -> "second");
        CompletableFuture<String> refused = conversions.after(extractedLater, () -> "third");
        try {
            // work is handed over once its extraction is done: both arrive while the one thread is busy
            extracted.complete(null);
            extractedLater.complete(null);
            ExecutionException e = assertThrows(ExecutionException.class, refused::get);
            Failure failure = Failure.of(e);
            assertEquals(503, failure.status());
            assertTrue(failure.message().contains("Too many subtitle conversions"), failure.message());
        } finally {
            release.countDown();
        }
        assertEquals("first", running.get());
        assertEquals("second", waiting.get());
    }

    @Test
    void aWebVttFileIsParsedOnceWhileItStaysTheSame() throws IOException {
        SubtitleConversions conversions = new SubtitleConversions(1, 1, 4);
        Path vtt = Files.writeString(dir.resolve("0.vtt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n");
        WebVttSegments first = conversions.cues(vtt);
        assertSame(first, conversions.cues(vtt));

        Files.writeString(vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\nHello again\n");
        Files.setLastModifiedTime(vtt, FileTime.fromMillis(Files.getLastModifiedTime(vtt).toMillis() + 5_000));
        WebVttSegments rewritten = conversions.cues(vtt);
        assertNotSame(first, rewritten);
        assertEquals("Hello again", rewritten.cues().get(0).text());
    }

    @Test
    void onlyTheLastFilesCuesAreKept() throws IOException {
        SubtitleConversions conversions = new SubtitleConversions(1, 1, 2);
        Path[] files = new Path[3];
        WebVttSegments[] parsed = new WebVttSegments[3];
        for (int i = 0; i < 3; i++) {
            files[i] = Files.writeString(dir.resolve(i + ".vtt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nLine " + i + "\n");
            parsed[i] = conversions.cues(files[i]);
        }
        assertSame(parsed[2], conversions.cues(files[2]));
        assertNotSame(parsed[0], conversions.cues(files[0]), "the oldest file was let go");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
