package org.kyoo.transcoder.engine.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which preset each segment of a head is made at. */
class PresetsTest {
    private final Presets presets = new Presets("fast", "superfast", "veryfast");

    @Test
    void aHeadStartedForAWaitingPlayerMakesItsFirstTwoSegmentsAtTheStartUpPreset() {
        String first = presets.first(true);
        assertEquals("superfast", first);
        assertEquals("superfast", presets.of(40, 40, first, false));
        assertEquals("superfast", presets.of(41, 40, first, false), "the player may have jumped into the first one's last frames");
        assertEquals("fast", presets.of(42, 40, first, false));
        assertEquals("veryfast", presets.of(42, 40, first, true), "over-committed: the load preset");
        assertTrue(presets.startup(41, 40, first));
        assertFalse(presets.startup(42, 40, first));
    }

    @Test
    void aPrefetchHeadMakesEverySegmentAtTheSteadyPresetAndNoneCountsAsStartUp() {
        String first = presets.first(false);
        assertEquals("fast", first);
        assertEquals("fast", presets.of(40, 40, first, false));
        assertEquals("fast", presets.of(41, 40, first, false));
        assertFalse(presets.startup(40, 40, first), "its speed is the steady preset's");
    }
}
