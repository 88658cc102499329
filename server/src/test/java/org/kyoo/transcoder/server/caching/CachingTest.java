package org.kyoo.transcoder.server.caching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.kyoo.transcoder.server.http.ETags;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.FakeServer;

/** Caches revalidate by ETag, get 304 while nothing changed, and never the old bytes once a file changed. */
class CachingTest {
    @TempDir
    Path dir;
    FakeServer s;

    @BeforeEach
    void start() throws Exception {
        s = new FakeServer(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
        var request = s.http.request(path, "player");
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return s.http.send(request.build());
    }

    @Test
    void aSegmentIsRevalidatedByItsETag() throws Exception {
        s.movieStream.makeReady("720p/0");
        HttpResponse<byte[]> first = get(s.m + "/720p/segment-0.ts", null);
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        // no day-long freshness under a URL naming the path: every reuse asks first
        assertEquals("public, no-cache", first.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<byte[]> again = get(s.m + "/720p/segment-0.ts", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().firstValue("ETag").orElse(null));
    }

    @Test
    void aFileReplacedAtTheSamePathIsNeverAnsweredFromTheOldCopy() throws Exception {
        HttpResponse<byte[]> old = get(s.m + "/direct", null);
        String oldTag = old.headers().firstValue("ETag").orElseThrow();

        // same path, same size, other bytes: what an operator replacing a damaged copy does
        byte[] replacement = new byte[1000];
        java.util.Arrays.fill(replacement, (byte) 7);
        Path next = Files.write(s.movie.resolveSibling("upload.tmp"), replacement);
        Files.move(next, s.movie, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        HttpResponse<byte[]> fresh = get(s.m + "/direct", oldTag);
        assertEquals(200, fresh.statusCode());
        assertArrayEquals(replacement, fresh.body());
        assertNotEquals(oldTag, fresh.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aFileRewrittenInPlaceGetsANewTag() throws Exception {
        Path file = Files.write(dir.resolve("segment-0.ts"), new byte[] {1, 2, 3});
        String before = ETags.of(file).toString();
        FileTime written = Files.getLastModifiedTime(file);
        Files.write(file, new byte[] {4, 5, 6});
        // the rewrite's time as the file system records it, whatever its clock's step: a coarse
        // clock may give the same reading twice, which no tag built on it can tell apart
        Files.setLastModifiedTime(file, FileTime.from(written.toInstant().plusSeconds(2)));
        assertNotEquals(before, ETags.of(file).toString());
    }

    @Test
    void aFinishedPlaylistIsRevalidatedAndCompressedWhenAccepted() throws Exception {
        HttpResponse<String> plain = s.http.get(s.m + "/720p/index.m3u8", "player");
        assertEquals(200, plain.statusCode());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals("public, no-cache", plain.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<byte[]> unchanged = get(s.m + "/720p/index.m3u8", etag);
        assertEquals(304, unchanged.statusCode());

        HttpResponse<byte[]> gzipped = s.http.send(s.http.request(s.m + "/720p/index.m3u8", "player")
                .header("Accept-Encoding", "gzip").build());
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertEquals(plain.body(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void partialSegmentsAreRemovedAndFinishedOnesKept() throws Exception {
        Path stream = Files.createDirectories(dir.resolve("cache-root/sha/720p"));
        Path done = Files.writeString(stream.resolve("segment-0.ts"), "done");
        Files.writeString(stream.resolve("segment-1.ts.h0.tmp"), "half");
        assertEquals(1, PartialFiles.remove(dir.resolve("cache-root")));
        assertTrue(Files.exists(done));
        assertEquals(1, Files.list(stream).count());
    }
}
