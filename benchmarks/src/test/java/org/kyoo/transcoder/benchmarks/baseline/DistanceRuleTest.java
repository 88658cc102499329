package org.kyoo.transcoder.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.engine.streams.FakeStreams.await;
import static org.kyoo.transcoder.engine.streams.FakeStreams.firstThen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.streams.FakeHead;
import org.kyoo.transcoder.engine.streams.FakeStream;
import org.kyoo.transcoder.engine.streams.FakeStreams;

/** The rule the scheduler is measured against behaves as the Go original's did (fake pipelines, a clock the test moves). */
class DistanceRuleTest {
    @TempDir Path dir;
    private FakeStreams fakes;
    private List<FakeStreams.FakePipeline> pipelines;

    @BeforeEach
    void fakes() {
        fakes = new FakeStreams(dir);
        pipelines = fakes.pipelines;
    }

    @AfterEach
    void stopHeads() {
        fakes.close();
    }

    private FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce) {
        return fakes.stream(settings, wallSeconds, allowedAtOnce, false, null);
    }

    private FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean device,
                              String loadPreset) {
        return fakes.stream(settings, wallSeconds, allowedAtOnce, device, loadPreset);
    }

    @Test
    void theOldDistancePlannerMakesTheSameSeekWaitForTheSlowHead() throws Exception {
        FakeStream s = stream(FakeStreams.settings(new DistanceRule(), 600, null), firstThen(1, 16), 2);
        s.segment(0).join();
        await("segment 1 made", () -> s.isReady(1));
        s.segment(3);
        assertEquals(1, s.heads().size(), "12 s of media behind is near enough for the fixed rule");
    }

    @Test
    void theOldDistanceRuleNeverUsesTheLoadPreset() throws Exception {
        // one slot for three heads: over-committed, which the old rule never looked at
        FakeStream s = stream(new SchedulerSettings(new DistanceRule(), 1, 1, 600, null), n -> 1, 1, false, "superfast");
        s.segment(0, Demand.of("a")).join();
        s.segment(40, Demand.of("b"));
        s.segment(80, Demand.of("c"));
        await("three heads, two of them queued", () -> s.heads().size() == 3 && s.config().slots().overcommitted());
        for (FakeStreams.FakePipeline p : pipelines) p.allowed.release(1000);
        // the heads make (or find made) everything to the end of the file, then end
        await(() -> "every head ended: " + s.heads(), () -> s.heads().isEmpty());
        assertTrue(pipelines.get(0).presets.size() > 2, "segments were begun while over-committed");
        for (FakeStreams.FakePipeline p : pipelines) for (String preset : p.presets) assertTrue(preset.endsWith(":fast"), preset);
    }

    @Test
    void theOldDistanceRuleNeverPausesAHeadAPlayerSeekedAwayFrom() throws Exception {
        FakeStream s = stream(new SchedulerSettings(new DistanceRule(), Integer.MAX_VALUE, Integer.MAX_VALUE,
                Double.POSITIVE_INFINITY, null), n -> 1, 3);
        Demand a = Demand.of("a");
        s.segment(0, a).join();
        FakeHead old = s.heads().get(0);
        s.segment(80, a);
        await("the old head made what it was allowed", () -> s.isReady(2));
        assertTrue(old.runState() == HeadState.State.RUNNING);
    }
}
