package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.Work;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * Where a first seek's seconds went in real players, as fake pipelines on a moved clock (100
 * segments of 4 s): a request joining a head whose speed nobody measured, judged by what the
 * machine's audio and copies measured, and the segment after a seek's waited on as if something
 * played meanwhile.
 */
class SeekPlanningTest {
    @TempDir Path dir;
    private FakeStreams fakes;

    @BeforeEach
    void fakes() {
        fakes = new FakeStreams(dir);
    }

    @AfterEach
    void stopHeads() {
        fakes.close();
    }

    private FakeStream transcode(int allowedAtOnce) {
        return fakes.stream(FakeStreams.settings(ExpectedTime.RULE, 600, null), FakeStreams.firstThen(1, 2), allowedAtOnce, false, null);
    }

    @Test
    void aTranscodeThatMeasuredNothingIsNotJudgedByTheSpeedOfTheMachinesAudioAndCopies() throws Exception {
        FakeStream s = transcode(1);
        // the file's audio and its copied original, made at 400 times real time
        s.config().scheduler().machine(Work.AUDIO).recordSpeed(400, 1);
        s.config().scheduler().machine(Work.VIDEO_COPY).recordSpeed(400, 1);
        s.segment(0).join();
        FakeHead head = s.heads().get(0);
        FakeStreams.await("the head begins segment 1", () -> head.position() == 1);
        // at 400x the head would have 2 in no time; at the first guess (real time) 8 s, a fresh head 1 + 4
        CompletableFuture<Stored> seek = s.segment(2);
        assertEquals(2, s.heads().size(), "a head of its own: nothing says the transcode is fast");
        FakeStreams.await("the seek's head made it", () -> {
            fakes.pipelines.get(1).allowed.release();
            return seek.isDone();
        });
        assertTrue(seek.get().toString().endsWith("segment-2.ts"));
    }

    @Test
    void aSeekIsNotJoinedToAHeadWhoseSpeedOnlyAnotherFileMeasuredMoreThanASegmentAhead() throws Exception {
        FakeStream s = transcode(1);
        // another file's transcodes ran at 20 times real time: this one's head would reach 12 in 2.6 s
        s.config().scheduler().machine(Work.VIDEO_ENCODE).recordSpeed(20, 1);
        s.config().scheduler().machine(Work.VIDEO_ENCODE).recordFirstSegment(0, 1);
        s.segment(0).join();
        FakeHead head = s.heads().get(0);
        FakeStreams.await("the head begins segment 1", () -> head.position() == 1);
        assertEquals(1, s.heads().size());
        s.segment(2);
        assertEquals(1, s.heads().size(), "the segment after the head's: it is joined");
        s.segment(12);
        assertEquals(2, s.heads().size(), "eleven segments at a speed this file never showed: a head of its own");
        assertTrue(s.heads().stream().anyMatch(h -> h.first() == 12));
    }

    @Test
    void anInitAskedAfterASeekWaitsOnTheSeeksHeadNotOnTheOneLeftBehind() throws Exception {
        FakeStream s = fakes.stream(FakeStreams.settings(ExpectedTime.RULE, 600, null), FakeStreams.firstThen(1, 2), 0, false, null,
                Rendition.video(0, Quality.P720));
        Demand a = Demand.of("a");
        CompletableFuture<Stored> start = s.segment(0, a);
        FakeHead left = s.heads().get(0);
        // the player seeks before its first segment came: it drops that request
        CompletableFuture<Stored> seek = s.segment(48, a);
        start.cancel(true);
        FakeHead seeking = s.heads().stream().filter(h -> h.first() == 48).findFirst().orElseThrow();
        assertEquals(Priority.NOTHING_BUFFERED, seeking.priority());
        FakeStreams.await("the head left behind is waited on by nobody", () -> left.priority() != Priority.NOTHING_BUFFERED);
        CompletableFuture<Stored> init = s.init();
        assertTrue(left.priority() != Priority.NOTHING_BUFFERED && left.priority() != Priority.NEXT_SEGMENT,
                "the init does not give the head left behind a frozen screen's rank: " + left.priority());
        fakes.pipelines.get(1).allowed.release();
        seek.get(20, TimeUnit.SECONDS);
        init.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theSegmentAfterASeeksIsWaitedOnAsAFrozenScreen() throws Exception {
        FakeStream s = transcode(1);
        Demand a = Demand.of("a");
        // a seek to where segment 0 ends: the player asks for 0, gets it, asks for 1 at once
        s.segment(0, a).join();
        FakeHead head = s.heads().get(0);
        FakeStreams.await("the head begins segment 1", () -> head.position() == 1 && head.runState() == HeadState.State.RUNNING);
        CompletableFuture<Stored> afterSeek = s.segment(1, a);
        assertEquals(Priority.NOTHING_BUFFERED, head.priority(), "what is left of segment 0 may be a frame");
        fakes.pipelines.get(0).allowed.release();
        afterSeek.get(20, TimeUnit.SECONDS);
        FakeStreams.await("the head begins segment 2", () -> head.position() == 2);
        s.segment(2, a);
        assertEquals(Priority.NEXT_SEGMENT, head.priority(), "segment 1 plays whole meanwhile");
        fakes.pipelines.get(0).allowed.release();
    }
}
