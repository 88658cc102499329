package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.metrics.PrometheusText;

/** The engine's own meters move when it makes a segment for a player. */
class MetricsOnRealMediaTest {
    @TempDir
    Path dir;

    @Test
    void makingASegmentMovesTheEngineMeters() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0", "GOCODER_STARTUP_PRESET", "ultrafast",
                "GOCODER_PRESET", "ultrafast"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        Path movie = Files.copy(TestMedia.multiTrackMkv().path(), root.resolve("movie.mkv"));
        try (TranscoderServer server = TranscoderServer.start(config)) {
            Http http = new Http(server.port());
            Map<String, Double> before = PrometheusText.parse(http.get("/metrics", null).body());
            assertEquals(0.0, PrometheusText.value(before, "transcoder_segments_produced_total{kind=\"video\"}"));

            // the scheduler's own view of the live heads is scraped too (running, queued, paused): the
            // head making this player's segment shows there while it lives
            var segment = http.getAsync(Http.file(movie) + "/360p/segment-0.ts", "viewer");
            double scheduled = 0;
            for (long deadline = System.nanoTime() + 30_000_000_000L; scheduled < 1 && System.nanoTime() < deadline; ) {
                Map<String, Double> now = PrometheusText.parse(http.get("/metrics", null).body());
                scheduled = 0;
                for (String state : java.util.List.of("running", "queued", "paused")) {
                    scheduled += PrometheusText.value(now, "transcoder_heads_scheduled{state=\"" + state + "\"}");
                }
            }
            assertTrue(scheduled >= 1, "the player's head was never seen scheduled");
            assertEquals(200, segment.join().statusCode());
            Map<String, Double> after = PrometheusText.parse(http.get("/metrics", null).body());
            assertTrue(PrometheusText.value(after, "transcoder_segments_produced_total{kind=\"video\"}") >= 1);
            assertEquals(1.0, PrometheusText.value(after, "transcoder_segments_served_total{kind=\"video\"}"));
            assertTrue(PrometheusText.value(after, "transcoder_head_cold_start_seconds_count{kind=\"video\"}") >= 1);
            // no keyframe scan here: this file's keyframes come from its Matroska cues, read with its info
            assertTrue(PrometheusText.value(after, "transcoder_cache_size_bytes") > 0);
            assertEquals(1.0, PrometheusText.value(after, "transcoder_players_tracked"));
        }
    }
}
