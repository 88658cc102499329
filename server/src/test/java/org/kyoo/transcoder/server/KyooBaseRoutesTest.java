package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream Kyoo's table moved by {@code GOCODER_KYOO_BASE_PATH}: served there only, the v3 routes unchanged. */
class KyooBaseRoutesTest {
    @TempDir Path dir;

    @Test
    void theTableAnswersUnderTheConfiguredBaseAndNoLongerUnderVideo() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of("GOCODER_KYOO_BASE_PATH", "/api/transcoder"))) {
            String base = "/api/transcoder" + s.m;
            HttpResponse<String> master = s.http.get(base + "/master.m3u8", "c");
            assertEquals(200, master.statusCode(), master.body());
            assertTrue(master.body().startsWith("#EXTM3U\n#EXT-X-VERSION:7\n"), master.body());
            // links are relative: they follow the table wherever it is mounted
            assertTrue(master.body().contains("\n0/original/index.m3u8?clientId=c\n"), master.body());

            HttpResponse<String> index = s.http.get(base + "/0/original/index.m3u8", "c");
            assertEquals(200, index.statusCode(), index.body());
            assertTrue(index.body().contains("#EXT-X-MAP:URI=\"init.mp4?clientId=c\""), index.body());
            assertEquals(200, s.http.get(base + "/info", null).statusCode());
            assertEquals(200, s.http.get("/api/transcoder/streams", null).statusCode());

            HttpResponse<String> old = s.http.get("/video" + s.m + "/0/original/index.m3u8", "c");
            assertEquals(404, old.statusCode(), "not under /video any more: " + old.body());
            HttpResponse<String> v3 = s.http.get(s.m + "/master.m3u8", "c");
            assertEquals(200, v3.statusCode(), v3.body());
            assertTrue(v3.body().contains("./original/index.m3u8"), v3.body());
        }
    }
}
