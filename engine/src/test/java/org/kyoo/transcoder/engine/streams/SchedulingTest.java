package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.pipelines.SegmentSink;

/**
 * Who runs which head when, with fake pipelines that take the wall time the test says on a clock
 * the test moves: 100 segments of 4 s. A fake pipeline waiting for the test's permission passes a
 * checkpoint every 10 ms, as a real one does between two packets.
 */
class SchedulingTest {
    @TempDir Path dir;
    private FakeStreams fakes;
    private AtomicLong clock;
    private List<FakeStreams.FakePipeline> pipelines;

    @BeforeEach
    void fakes() {
        fakes = new FakeStreams(dir);
        clock = fakes.clock;
        pipelines = fakes.pipelines;
    }

    @AfterEach
    void stopHeads() {
        fakes.close();
    }

    private FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce) {
        return stream(settings, wallSeconds, allowedAtOnce, false);
    }

    /** @param device whether the heads encode on a device (their slots are its encoder sessions) */
    private FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean device) {
        return stream(settings, wallSeconds, allowedAtOnce, device, null);
    }

    /** @param loadPreset the preset of segments begun while the slots are over-committed */
    private FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean device,
                              String loadPreset) {
        return fakes.stream(settings, wallSeconds, allowedAtOnce, device, loadPreset);
    }

    private static SchedulerSettings settings(PlanningRule rule, double buffer, Duration idle) {
        return FakeStreams.settings(rule, buffer, idle);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        FakeStreams.await(what, condition);
    }

    private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        FakeStreams.await(what, condition);
    }

    private static IntToDoubleFunction firstThen(double first, double seconds) {
        return FakeStreams.firstThen(first, seconds);
    }

    private static boolean pausedBefore(FakeStream s, int n) {
        return s.heads().stream().anyMatch(h -> h.runState() == HeadState.State.PAUSED && h.position() == n - 1);
    }


    @Test
    void aSeekPastASlowHeadStartsItsOwnHeadThoughItIsWithinAMinute() throws Exception {
        // 4 s of media in 16 s: the head at segment 2 would take 32 s to finish 3, a fresh head 1 + 16
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), firstThen(1, 16), 2);
        s.segment(0).join();
        await("segment 1 made", () -> s.isReady(1));
        CompletableFuture<Stored> seek = s.segment(3);
        assertEquals(2, s.heads().size(), "a head of its own for segment 3");
        assertTrue(s.heads().stream().anyMatch(h -> h.first() == 3));
        pipelines.get(1).allowed.release();
        assertTrue(seek.get(20, TimeUnit.SECONDS).toString().endsWith("segment-3.ts"));
    }

    @Test
    void aSeekJustAheadOfAFastHeadWaitsForIt() throws Exception {
        // start-up 3 s, then 4 s of media a second: the head at 2 makes 4 in 3 s, a fresh head in 4
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), firstThen(3, 1), 2);
        s.segment(0).join();
        await("segment 1 made", () -> s.isReady(1));
        CompletableFuture<Stored> seek = s.segment(4);
        assertEquals(1, s.heads().size(), "the running head gets there first");
        pipelines.get(0).allowed.release(3);
        assertTrue(seek.get(20, TimeUnit.SECONDS).toString().endsWith("segment-4.ts"));
    }

    @Test
    void aHeadFarAheadOfEveryPlayerPausesAndResumesWhenOneComesNear() throws Exception {
        // a 20-s buffer: with the player at segment 0, the head may make up to the segment starting at 20 s
        FakeStream s = stream(settings(ExpectedTime.RULE, 20, null), n -> 1, 1000);
        s.segment(0).join();
        await("paused before segment 6", () -> pausedBefore(s, 6));
        assertTrue(s.isReady(5));
        assertFalse(s.isReady(6), "24 s is past the buffer");
        // the player reaches 12 s: the buffer now runs to 32 s
        s.segment(3).join();
        await("paused before segment 9", () -> pausedBefore(s, 9));
        assertTrue(s.isReady(8));
        assertFalse(s.isReady(9));
        assertEquals(1, pipelines.size(), "the same head went on");
    }

    @Test
    void aPlayerNeverWaitsOnAPausedHead() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 20, null), n -> 1, 1000);
        s.segment(0).join();
        await("paused before segment 6", () -> pausedBefore(s, 6));
        // the very segment the head paused before: the request itself resumes it
        assertTrue(s.segment(6).get(20, TimeUnit.SECONDS).toString().endsWith("segment-6.ts"));
        assertEquals(1, pipelines.size());
    }

    @Test
    void aStreamNobodyAsksAnythingOfStopsItsHeadsAndKeepsItsSegments() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, Duration.ofSeconds(30)), n -> 1, 3);
        s.segment(0).join();
        await("segment 2 made", () -> s.isReady(2));
        FakeHead head = s.heads().get(0);
        // 3 s of work and 10 s of quiet: not abandoned yet
        clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        s.config().scheduler().sweep();
        assertFalse(head.cancelled());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        s.config().scheduler().sweep();
        assertTrue(head.cancelled(), "nobody asked anything for 40 s");
        assertTrue(head.join(20_000));
        assertTrue(s.heads().isEmpty());
        for (int n = 0; n <= 2; n++) assertTrue(Files.exists(s.segmentFile(n)), "segment " + n + " stays cached");
    }

    @Test
    void aHeadARequestWaitsOnIsNotStoppedAsAbandoned() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, Duration.ofSeconds(30)), n -> 1, 0);
        CompletableFuture<Stored> waiting = s.segment(0);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(60));
        s.config().scheduler().sweep();
        assertFalse(s.heads().get(0).cancelled(), "a player still waits on its segment");
        pipelines.get(0).allowed.release();
        assertTrue(waiting.get(20, TimeUnit.SECONDS).toString().endsWith("segment-0.ts"));
    }
    private static FakeHead headFrom(FakeStream s, int first) {
        return s.heads().stream().filter(h -> h.first() == first).findFirst().orElseThrow();
    }

    private static boolean in(FakeHead h, HeadState.State state) {
        return h.runState() == state;
    }

    @Test
    void aSeekTakesTheOnlySlotFromAPrefetchHeadMidSegmentAndThePlayersNextSegmentTakesItBack() throws Exception {
        FakeStream s = stream(new SchedulerSettings(ExpectedTime.RULE, 1, 1, 600, null), n -> 1, 1);
        Demand a = Demand.of("a"), b = Demand.of("b");
        s.segment(0, a).join();
        FakeHead prefetch = s.heads().get(0);
        await("the head runs on into segment 1", () -> prefetch.position() == 1 && in(prefetch, HeadState.State.RUNNING));
        // another player seeks: one slot, and it is the prefetch head's
        CompletableFuture<Stored> seek = s.segment(50, b);
        FakeHead seeking = headFrom(s, 50);
        await("the seek runs, the prefetch head queues", () -> in(seeking, HeadState.State.RUNNING) && in(prefetch, HeadState.State.QUEUED));
        assertFalse(s.isReady(1), "the prefetch head stepped aside in the middle of its segment, not at its end");
        assertEquals(1, s.config().slots().running(), "the bound holds: one head encodes");
        pipelines.get(1).allowed.release();
        assertTrue(seek.get(20, TimeUnit.SECONDS).toString().endsWith("segment-50.ts"));
        // the first player now waits on its next segment: more urgent than the seek head's prefetch
        CompletableFuture<Stored> next = s.segment(1, a);
        await("the first head runs again", () -> in(prefetch, HeadState.State.RUNNING) && in(seeking, HeadState.State.QUEUED));
        pipelines.get(0).allowed.release();
        assertTrue(next.get(20, TimeUnit.SECONDS).toString().endsWith("segment-1.ts"));
        assertEquals(2, pipelines.size(), "the parked head went on where it was: no new head");
    }

    @Test
    void segmentsBegunWhileMoreHeadsWantASlotThanThereAreUseTheLoadPreset() throws Exception {
        FakeStream s = stream(new SchedulerSettings(ExpectedTime.RULE, 1, 1, 600, null), n -> 1, 1, false, "superfast");
        Demand a = Demand.of("a"), b = Demand.of("b");
        s.segment(0, a).join();
        FakeHead first = s.heads().get(0);
        await("the head runs on into segment 1", () -> first.position() == 1 && in(first, HeadState.State.RUNNING)
                && pipelines.get(0).presets.size() == 2);
        assertEquals(List.of("0:fast", "1:fast"), pipelines.get(0).presets, "one head, one slot: the steady preset");
        // a second player: two heads want the only slot, so the one that begins a segment now goes quicker
        CompletableFuture<Stored> seek = s.segment(50, b);
        FakeHead seeking = headFrom(s, 50);
        await("the seek runs, the first head parks", () -> in(seeking, HeadState.State.RUNNING) && in(first, HeadState.State.QUEUED));
        await("the seek's head began its segment", () -> !pipelines.get(1).presets.isEmpty());
        assertEquals("50:superfast", pipelines.get(1).presets.get(0));
        pipelines.get(1).allowed.release();
        assertTrue(seek.get(20, TimeUnit.SECONDS).toString().endsWith("segment-50.ts"));
        // the first player leaves for good: its head closes, the seek's head has the slot to itself again
        first.cancel();
        assertTrue(first.join(20_000));
        await("the seek's head began segment 51", () -> pipelines.get(1).presets.size() == 2);
        pipelines.get(1).allowed.release();
        await("the seek's head began segment 52", () -> pipelines.get(1).presets.size() == 3);
        assertEquals("52:fast", pipelines.get(1).presets.get(2), "back to the steady preset once the slots suffice");
    }

    @Test
    void aPlayerWaitingOnItsNextSegmentLongerThanTheOnePlayingCountsAsAFrozenScreen() throws Exception {
        FakeStream s = stream(new SchedulerSettings(ExpectedTime.RULE, 1, 1, 600, null), n -> 1, 2);
        Demand a = Demand.of("a");
        s.segment(0, a).join();
        // the segment right after the first is as urgent as the first (see SeekPlanningTest): the one after that plays whole
        s.segment(1, a).join();
        FakeHead head = s.heads().get(0);
        await("the head runs on into segment 2", () -> head.position() == 2 && in(head, HeadState.State.RUNNING));
        CompletableFuture<Stored> next = s.segment(2, a);
        assertEquals(Priority.NEXT_SEGMENT, head.priority(), "segment 1 (4 s) plays meanwhile");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(3_900));
        assertEquals(Priority.NEXT_SEGMENT, head.priority());
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(Priority.NOTHING_BUFFERED, head.priority(), "segment 1 has ended: the player's screen is frozen");
        pipelines.get(0).allowed.release();
        assertTrue(next.get(20, TimeUnit.SECONDS).toString().endsWith("segment-2.ts"));
        assertEquals(Priority.PREFETCH, head.priority(), "nobody waits any more");
    }

    @Test
    void aHeadNobodyIsInPausesAtOnceAndARequestForItsSegmentResumesIt() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), n -> 1, 1);
        Demand a = Demand.of("a");
        s.segment(0, a).join();
        FakeHead old = s.heads().get(0);
        await("the head runs on into segment 1", () -> old.position() == 1 && in(old, HeadState.State.RUNNING));
        // the only player seeks past it: nobody will watch what it makes
        s.segment(50, a);
        await("the old head pauses mid-segment", () -> in(old, HeadState.State.PAUSED) && old.position() == 1);
        // the player comes back: the paused head resumes for it, it does not wait
        CompletableFuture<Stored> back = s.segment(1, a);
        await("the old head runs again", () -> in(old, HeadState.State.RUNNING));
        pipelines.get(0).allowed.release();
        assertTrue(back.get(20, TimeUnit.SECONDS).toString().endsWith("segment-1.ts"));
    }

    @Test
    void aDeviceHeadNobodyIsInEndsInsteadOfPausingSoItsEncoderSessionIsFreed() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), n -> 1, 1, true);
        Demand a = Demand.of("a");
        s.segment(0, a).join();
        FakeHead old = s.heads().get(0);
        await("the head runs on into segment 1", () -> old.position() == 1 && in(old, HeadState.State.RUNNING));
        CompletableFuture<Stored> seek = s.segment(50, a);
        // a paused head would keep its session open while the seek's head opens another
        await("the old head ends", () -> !s.heads().contains(old));
        assertEquals(1, s.heads().size(), "only the seek's head holds a session");
        pipelines.get(1).allowed.release();
        assertTrue(seek.get(20, TimeUnit.SECONDS).toString().endsWith("segment-50.ts"));
    }

    @Test
    void aHeadNobodyCameNearForTheIdleTimeClosesWhileTheStreamPlaysOn() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, Duration.ofSeconds(30)), n -> 1, 1);
        Demand a = Demand.of("a");
        s.segment(0, a).join();
        FakeHead old = s.heads().get(0);
        await("the head runs on into segment 1", () -> old.position() == 1);
        CompletableFuture<Stored> seek = s.segment(50, a);
        await("the old head pauses", () -> in(old, HeadState.State.PAUSED));
        pipelines.get(1).allowed.release(2);
        seek.get(20, TimeUnit.SECONDS);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(20));
        // the player watches on, so the stream is not abandoned; the old head is still near nobody
        s.segment(51, a).get(20, TimeUnit.SECONDS);
        assertFalse(old.cancelled(), "paused 20 s: not yet");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(15));
        assertTrue(old.join(20_000), "paused 35 s with nobody near: it closed");
        assertTrue(old.cancelled());
        assertFalse(headFrom(s, 50).cancelled(), "the head the player is in goes on");
    }

    @Test
    void aListenerThrowingAnErrorAtHeadStartLeavesNoGhostHead() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), n -> 1, 1);
        try (AutoCloseable l = org.kyoo.transcoder.engine.events.EngineEvents.listen(new org.kyoo.transcoder.engine.events.EngineListener() {
            @Override
            public void headStarted(org.kyoo.transcoder.engine.events.HeadStart start) {
                throw new AssertionError("listener bug");
            }
        })) {
            CompletableFuture<Stored> waiting = s.segment(0);
            // one look at the heads: the head may end between two
            List<FakeHead> started = s.heads();
            FakeHead head = started.isEmpty() ? null : started.get(0);
            if (head != null) assertTrue(head.join(20_000), "the head ended and counted down");
            await("the head is gone", () -> s.heads().isEmpty());
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> waiting.get(20, TimeUnit.SECONDS)).getCause() != null, "the waiter heard of the failure");
        }
    }

    @Test
    void aPausedHeadsEtaDoesNotAgeWhileItWaits() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 20, null), n -> 1, 1000);
        s.segment(0).join();
        await("paused before segment 6", () -> pausedBefore(s, 6));
        // 4 s of media a second: one second of work left for segment 6, however long it stays paused
        clock.addAndGet(TimeUnit.SECONDS.toNanos(100));
        assertTrue(s.headEta(6) >= 0.9, "eta " + s.headEta(6));
    }

    @Test
    void aRequestThatStopsWaitingNoLongerKeepsItsHeadAwaited() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, Duration.ofSeconds(30)), n -> 1, 0);
        CompletableFuture<Stored> waiting = s.segment(0);
        FakeHead head = s.heads().get(0);
        // the player gives up (its copy is cancelled, as a timeout would complete it)
        waiting.cancel(true);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(60));
        s.config().scheduler().sweep();
        assertTrue(head.cancelled(), "nobody waits on it any more: abandoned");
        assertTrue(head.join(20_000));
    }

    @Test
    void destroyingAStreamTellsItsWaitersAtOnce() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), n -> 1, 0);
        CompletableFuture<Stored> waiting = s.segment(5);
        s.destroy(Duration.ofSeconds(10));
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertEquals(org.kyoo.transcoder.engine.media.MediaException.Kind.NOT_FOUND,
                ((org.kyoo.transcoder.engine.media.MediaException) e.getCause()).kind());
    }

    @Test
    void aHeadStoppedUnderAWaitingRequestIsReplacedByAFreshOne() throws Exception {
        FakeStream s = stream(settings(ExpectedTime.RULE, 600, null), n -> 1, 0);
        CompletableFuture<Stored> waiting = s.segment(0);
        FakeHead first = s.heads().get(0);
        // stopped by the stream's own scheduling (not killed) while the request still waits on it
        first.cancel();
        assertTrue(first.join(20_000));
        await("a fresh head for the waited segment", () -> pipelines.size() == 2 && !s.heads().isEmpty());
        pipelines.get(1).allowed.release();
        assertTrue(waiting.get(20, TimeUnit.SECONDS).toString().endsWith("segment-0.ts"));
    }
}
