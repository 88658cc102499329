package org.kyoo.transcoder.engine.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientTrackerTest {
    private static final Path MOVIE = Path.of("/video/movie.mkv");
    private static final Path SHOW = Path.of("/video/show.mkv");
    private static final StreamId P720 = new StreamId("720p", false);
    private static final StreamId P480 = new StreamId("480p", false);
    private static final StreamId ORIGINAL = new StreamId("original", false);

    private final RecordingStreams streams = new RecordingStreams();
    private final MutableClock clock = new MutableClock();
    private final ClientTracker tracker = new ClientTracker(streams, clock);

    @Test
    void switchingQualityStopsTheOldOneWhenNobodyElseWatchesIt() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("a", MOVIE, P480, 4));
        assertEquals(List.of("killVideo movie.mkv 720p"), streams.take());
    }

    @Test
    void switchingQualityKeepsTheOldOneAnotherClientWatches() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("b", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("a", MOVIE, P480, 4));
        assertEquals(List.of(), streams.take());
        tracker.seen(ClientPosition.video("b", MOVIE, ORIGINAL, 4));
        assertEquals(List.of("killVideo movie.mkv 720p"), streams.take());
    }

    @Test
    void switchingAudioStopsTheOldTrack() {
        tracker.seen(ClientPosition.audio("a", MOVIE, 0, 2));
        tracker.seen(ClientPosition.audio("a", MOVIE, 1, 3));
        assertEquals(List.of("killAudio movie.mkv 0"), streams.take());
    }

    @Test
    void requestsSayingLessKeepWhatTheClientChoseBefore() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.audio("a", MOVIE, 1, 3));
        tracker.seen(ClientPosition.opened("a", MOVIE));
        assertEquals(List.of(), streams.take());
        assertEquals(List.of(new ClientPosition("a", MOVIE, P720, 1, 3)), tracker.clients());
    }

    @Test
    void aJumpOfMoreThanOneHundredSegmentsStopsOrphanedHeads() {
        tracker.seen(ClientPosition.video("b", MOVIE, P720, 10));
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 5));
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 105));
        assertEquals(List.of(), streams.take(), "100 segments is not a jump");
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 206));
        assertEquals(List.of("killOrphanedHeads movie.mkv 720p -1 [10, 206]"), streams.take());
    }

    @Test
    void movingToAnotherFileStopsTheOldOneWhenNobodyWatchesIt() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.opened("a", SHOW));
        assertEquals(List.of("killFile movie.mkv"), streams.take());
    }

    @Test
    void movingToAnotherFileKeepsTheOldOneWatchedByOthers() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("b", MOVIE, P720, 3));
        tracker.seen(ClientPosition.opened("a", SHOW));
        assertEquals(List.of(), streams.take());
    }

    @Test
    void aClientSilentForAnHourIsForgottenAndItsFileStopped() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        clock.advance(Duration.ofMinutes(59));
        tracker.sweep();
        assertEquals(List.of(), streams.take());
        assertEquals(1, tracker.clients().size());
        clock.advance(Duration.ofMinutes(1));
        tracker.sweep();
        assertEquals(List.of("killFile movie.mkv"), streams.take());
        assertEquals(List.of(), tracker.clients());
    }

    @Test
    void aSilentClientsStreamsStopWhileOthersKeepTheFile() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.audio("a", MOVIE, 1, 3));
        tracker.seen(ClientPosition.video("b", MOVIE, P480, 50));
        tracker.seen(ClientPosition.audio("b", MOVIE, 0, 50));
        clock.advance(Duration.ofMinutes(30));
        tracker.seen(ClientPosition.video("b", MOVIE, P480, 51));
        clock.advance(Duration.ofMinutes(30));
        tracker.sweep();
        assertEquals(List.of("killAudio movie.mkv 1", "killVideo movie.mkv 720p"), streams.take());
    }

    @Test
    void aSilentClientSharingStreamsLeavesOnlyItsOrphanedHeads() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("b", MOVIE, P720, 80));
        clock.advance(Duration.ofMinutes(30));
        tracker.seen(ClientPosition.video("b", MOVIE, P720, 81));
        clock.advance(Duration.ofMinutes(30));
        tracker.sweep();
        assertEquals(List.of("killOrphanedHeads movie.mkv 720p -1 [81]"), streams.take());
    }

    @Test
    void unusedFilesLoseTheirCacheAfterFourHours() {
        tracker.seen(ClientPosition.video("a", MOVIE, P720, 3));
        tracker.seen(ClientPosition.video("b", SHOW, P720, 3));
        clock.advance(Duration.ofHours(1));
        tracker.sweep();
        assertEquals(List.of("killFile movie.mkv", "killFile show.mkv"), streams.take().stream().sorted().toList());
        clock.advance(Duration.ofHours(2));
        tracker.seen(ClientPosition.video("c", SHOW, P720, 3));
        clock.advance(Duration.ofMinutes(30));
        tracker.seen(ClientPosition.video("c", SHOW, P720, 4));
        clock.advance(Duration.ofMinutes(29));
        tracker.sweep();
        assertEquals(List.of(), streams.take(), "3h59 unused");
        clock.advance(Duration.ofMinutes(1));
        tracker.sweep();
        assertEquals(List.of("destroyFile movie.mkv"), streams.take(), "show.mkv is watched by c");
        clock.advance(Duration.ofHours(4));
        tracker.sweep();
        assertEquals(List.of("destroyFile show.mkv", "killFile show.mkv"), streams.take().stream().sorted().toList());
    }
}
