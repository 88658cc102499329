package org.kyoo.transcoder.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.FakeServer;

/** A check the server serves better with (a shared bucket) degrades {@code /ready}'s answer, never its status. */
class AdvisoryCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFailingAdvisoryCheckLeavesTheServerReadyAndSaysWhy() throws Exception {
        List<ReadinessCheck> checks = List.of(new ReadinessCheck("store", () -> "S3 bucket b at http://s3: HTTP 403", false));
        try (FakeServer server = new FakeServer(dir, Map.of(), checks)) {
            var answer = server.http.get("/ready", null);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"store\":\"degraded: S3 bucket b at http://s3: HTTP 403\""), answer.body());
        }
    }
}
