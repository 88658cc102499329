package org.kyoo.transcoder.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;

class SchedulingConfigTest {
    @Test
    void nothingSetPlansByExpectedTimeWithAHeadPerCore() {
        SchedulerSettings s = SchedulingConfig.fromEnvironment(Map.of());
        assertEquals(ExpectedTime.RULE, s.rule());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), s.maxHeads());
        assertEquals(3, s.maxHardwareHeads());
        assertEquals(30, s.bufferSeconds());
        assertEquals(Duration.ofSeconds(20), s.idleStop());
    }

    @Test
    void everyKnobIsRead() {
        SchedulerSettings s = SchedulingConfig.fromEnvironment(Map.of("GOCODER_MAX_HEADS", "3", "GOCODER_MAX_HW_HEADS", "5",
                "GOCODER_HEAD_BUFFER", "90", "GOCODER_IDLE_STOP", "45"));
        assertEquals(new SchedulerSettings(ExpectedTime.RULE, 3, 5, 90, Duration.ofSeconds(45)), s);
    }

    @Test
    void aValueItCannotUseStopsStartUpNamingTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> SchedulingConfig.fromEnvironment(Map.of("GOCODER_MAX_HEADS", "0")));
        assertTrue(e.getMessage().contains("GOCODER_MAX_HEADS"));
        assertThrows(ConfigException.class, () -> SchedulingConfig.fromEnvironment(Map.of("GOCODER_PLANNER", "fastest")));
    }
}
