package org.kyoo.transcoder.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.events.HeadReport;
import org.kyoo.transcoder.engine.events.HeadStart;
import org.kyoo.transcoder.server.FakeServer;

/** {@code /metrics} is Prometheus text with the JVM's, JavaCPP's and the transcoder's own meters, moving with the work. */
class MetricsTest {
    @TempDir
    Path dir;

    private static Map<String, Double> scrape(FakeServer s) throws Exception {
        HttpResponse<String> answer = s.http.get("/metrics", null);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(answer.body());
    }

    @Test
    void aScrapeHoldsTheProcessTheJvmAndNativeMemory() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            Map<String, Double> samples = scrape(s);
            for (String series : List.of("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_", "process_cpu_usage",
                    "process_uptime_seconds", "javacpp_physical_bytes", "javacpp_total_bytes", "transcoder_players_tracked",
                    "transcoder_cache_size_bytes", "transcoder_heads_running{kind=\"video\"}", "transcoder_heads_scheduled{state=\"paused\"}",
                    "transcoder_segments_produced_total{kind=\"audio\"}", "transcoder_segments_served_total{kind=\"video\"}")) {
                assertFalse(Double.isNaN(PrometheusText.value(samples, series)), series + " in the scrape");
            }
            assertTrue(PrometheusText.value(samples, "javacpp_physical_bytes") > 0);
        }
    }

    @Test
    void servingASegmentMovesWhatPlayersSee() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            s.movieStream.makeReady("720p/0");
            assertEquals(200, s.http.get(s.m + "/720p/segment-0.ts", "player").statusCode());
            // past the file's six segments: refused, and counted as such
            assertEquals(400, s.http.get(s.m + "/audio/1/segment-9.ts", "player").statusCode());
            Map<String, Double> samples = scrape(s);
            assertEquals(1.0, PrometheusText.value(samples, "transcoder_segments_served_total{kind=\"video\"}"));
            assertEquals(1.0, PrometheusText.value(samples, "transcoder_segment_wait_seconds_count{kind=\"video\"}"));
            assertTrue(PrometheusText.value(samples, "transcoder_segment_wait_seconds_bucket{kind=\"video\",le=\"+Inf\"}") >= 1);
            assertEquals(1.0, PrometheusText.value(samples, "transcoder_http_errors_total{status=\"400\"}"));
            assertTrue(PrometheusText.value(samples, "transcoder_http_served_bytes_total") > 4096);
            assertEquals(1.0, PrometheusText.value(samples, "transcoder_players_tracked"));
            assertTrue(PrometheusText.value(samples, "transcoder_cache_size_bytes") > 4096);
        }
    }

    @Test
    void engineEventsMoveHeadsSegmentsSpeedAndFailures() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            EngineEvents.emit(l -> l.headStarted(new HeadStart("video", "movie.mkv 720p", 0, 0, 100)));
            Map<String, Double> during = scrape(s);
            assertEquals(1.0, PrometheusText.value(during, "transcoder_heads_running{kind=\"video\"}"));

            EngineEvents.emit(l -> l.firstSegment("video", Duration.ofMillis(800)));
            EngineEvents.emit(l -> l.segmentProduced("video"));
            EngineEvents.emit(l -> l.keyframesIndexed(Duration.ofMillis(30), false));
            EngineEvents.emit(l -> l.headEnded(new HeadReport("video", "movie.mkv 720p", 0, 0, 1, 4.0,
                    Duration.ofSeconds(2), false, new IllegalStateException("encoder died"))));
            Map<String, Double> after = scrape(s);
            assertEquals(0.0, PrometheusText.value(after, "transcoder_heads_running{kind=\"video\"}"));
            assertEquals(1.0, PrometheusText.value(after, "transcoder_segments_produced_total{kind=\"video\"}"));
            assertEquals(0.8, PrometheusText.value(after, "transcoder_head_cold_start_seconds_sum{kind=\"video\"}"), 1e-9);
            assertEquals(2.0, PrometheusText.value(after, "transcoder_encode_speed_sum{kind=\"video\"}"), 1e-9);
            assertEquals(1.0, PrometheusText.value(after, "transcoder_head_failures_total{kind=\"video\"}"));
            assertEquals(1.0, PrometheusText.value(after, "transcoder_keyframes_index_seconds_count{outcome=\"done\"}"));
        }
    }
}
