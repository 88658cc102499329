package org.kyoo.transcoder.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.server.config.SchedulingConfig;

/** With the benchmarks' jar on the class path, the server takes the rule they measure against by name. */
class DistanceRuleConfigTest {
    @Test
    void theDistancePlannerIsThePreviousBehaviour() {
        assertEquals(DistanceRule.settings(), SchedulingConfig.fromEnvironment(Map.of("GOCODER_PLANNER", "distance")));
    }
}
