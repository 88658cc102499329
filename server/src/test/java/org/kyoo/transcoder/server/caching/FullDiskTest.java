package org.kyoo.transcoder.server.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.av.AvException;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.server.FakeServer;

/**
 * A full cache disk (ENOSPC while a segment is written, from Java or from libav) answers 507 in
 * JSON for what cannot be made, while what is cached is still served. The disk is simulated: the
 * engine's segment fails as a full disk fails it (mounting a small tmpfs needs privileges CI lacks).
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskAnswers507AndKeepsServingWhatIsCached() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            s.movieStream.makeReady("720p/0");
            s.movieStream.future("720p/1").completeExceptionally(new UncheckedIOException(
                    new FileSystemException(dir.resolve("cache/segment-1.ts.h0.tmp").toString(), null, "No space left on device")));
            s.movieStream.future("audio0/1").completeExceptionally(new MediaException(MediaException.Kind.UNREADABLE,
                    "Cannot write segment 1", new AvException("av_write_frame", -28)));

            HttpResponse<String> full = s.http.get(s.m + "/720p/segment-1.ts", "player");
            assertEquals(507, full.statusCode(), full.body());
            assertEquals("application/json", full.headers().firstValue("Content-Type").orElse(null));
            assertTrue(full.body().contains("disk is full"), full.body());
            assertEquals(507, s.http.get(s.m + "/audio/0/segment-1.ts", "player").statusCode());

            HttpResponse<String> cached = s.http.get(s.m + "/720p/segment-0.ts", "player");
            assertEquals(200, cached.statusCode());
            assertTrue(cached.body().startsWith("720p/0:"));
        }
    }
}
