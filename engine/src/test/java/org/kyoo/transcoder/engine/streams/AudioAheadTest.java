package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * A seek in the video asks the player's audio track for the same segment at once, on real media:
 * web players ask for it only once the video's segment has come, and show nothing until both are
 * there.
 */
class AudioAheadTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    @Test
    void aSeekInTheVideoHasTheAudioOfTheSameSegmentMadeBeforeThePlayerAsksForIt() throws Exception {
        Fixture f = TestMedia.manySegments();
        FileStream file = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        Demand a = Demand.of("a");
        Rendition video = Rendition.tsVideo(Quality.P240), audio = Rendition.tsAudio(0);
        file.segment(video, 0, a).get(60, TimeUnit.SECONDS);
        file.segment(audio, 0, a).get(60, TimeUnit.SECONDS);
        int seek = file.stream(audio).segmentCount() - 5;
        assertFalse(file.stream(audio).isReady(seek), "the audio's head runs a minute ahead at most");
        file.segment(video, seek, a).get(60, TimeUnit.SECONDS);
        FakeStreams.await("the audio of the seek's segment made, unasked", () -> file.stream(audio).isReady(seek));
    }

    @Test
    void aQualitySwitchAsksNothingOfTheAudioWhichPlaysOn() throws Exception {
        Fixture f = TestMedia.manySegments();
        FileStream file = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        Demand a = Demand.of("a");
        Rendition audio = Rendition.tsAudio(0);
        file.segment(Rendition.tsVideo(Quality.P240), 0, a).get(60, TimeUnit.SECONDS);
        file.segment(audio, 0, a).get(60, TimeUnit.SECONDS);
        int far = file.stream(audio).segmentCount() - 5;
        // a player new to this level: a switch (here to a far segment, as no player switches, to tell the two apart)
        file.segment(Rendition.tsVideo(Quality.P360), far, a).get(60, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertFalse(file.stream(audio).isReady(far), "nothing asked of the audio");
        assertFalse(file.stream(audio).heads().stream().anyMatch(h -> h.first() == far));
    }
}
