package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.players.PlayerBench.MOVE;
import static org.kyoo.transcoder.players.PlayerBench.START;
import static org.kyoo.transcoder.players.PlayerBench.assertPictureMatchesLevel;
import static org.kyoo.transcoder.players.PlayerBench.indexOf;
import static org.kyoo.transcoder.players.PlayerBench.shows;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * The server played by a real player: hls.js 1.7 in headless Chromium, through the URIs the
 * server writes and nothing else, on each kind of file a library holds. It asserts what a viewer
 * sees: playback starts and moves on after every seek, the picture has the size of the chosen
 * quality, the chosen audio track plays, and hls.js reports no fatal error.
 */
class RealPlayersTest extends BrowserTest {
    @Override
    String table() {
        return "";
    }

    static Stream<Named<Path>> library() {
        return Stream.of(
                Named.of("multi-track MKV (H.264, AAC + AC-3 5.1)", TestMedia.multiTrackMkv().path()),
                Named.of("MP4 with B-frames", TestMedia.mp4().path()),
                Named.of("MPEG-TS starting at 10 s", TestMedia.mpegTsOffset().path()),
                Named.of("variable frame rate MKV", TestMedia.variableFrameRate().path()),
                Named.of("audio-only M4A", TestMedia.audioOnly().path()),
                Named.of("MP3 with a cover picture", TestMedia.coverPicture().path()),
                // no MPEG-TS mapping: only the transcodes are offered, and they must play
                Named.of("Theora in Ogg (not H.264)", THEORA),
                Named.of("long file (130 s)", TestMedia.manySegments().path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void aPlayerNamedInTheQueryPlaysSeeksAndSwitches(Path fixture) throws Exception {
        WebPlayer player = open();
        player.start(route(fixture) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5);
        assertPictureMatchesLevel(player);
        double duration = playing.duration();
        assertTrue(duration > 5, "duration " + duration);

        // three seeks, one of them far
        for (double at : new double[] {0.4 * duration, 0.85 * duration, 0.1 * duration}) {
            player.seek(at);
            player.await("playing past " + at, MOVE, s -> s.ended() || s.currentTime() > at + 0.3);
        }
        player.seek(0.2 * duration);
        player.await("playing again", MOVE, s -> s.currentTime() > 0.2 * duration + 0.3);

        List<PlayerState.Level> levels = player.state().levels();
        if (levels.size() > 1) {
            int now = player.state().currentLevel();
            int other = now == levels.size() - 1 ? 0 : levels.size() - 1;
            player.chooseLevel(other);
            PlayerState.Level chosen = levels.get(other);
            double from = player.state().currentTime();
            player.await("the picture of " + chosen, MOVE, s -> s.currentLevel() == other
                    && shows(s, chosen) && s.currentTime() > from + 0.5);
        }

        List<String> tracks = player.state().audioTracks();
        if (tracks.size() > 1) {
            int other = player.state().audioTrack() == 0 ? 1 : 0;
            player.chooseAudioTrack(other);
            double from = player.state().currentTime();
            player.await("audio track " + tracks.get(other), MOVE,
                    s -> s.audioSwitched() == other && s.currentTime() > from + 1);
        }
        PlayerState end = player.state();
        assertEquals(null, end.fatal(), end.toString());
    }

    @Test
    void aPlayerNamedInAHeaderPlaysAndSeeks() throws Exception {
        WebPlayer player = open();
        player.start(route(TestMedia.mp4().path()) + "/master.m3u8", "header-" + UUID.randomUUID());
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5);
        double far = 0.8 * playing.duration();
        player.seek(far);
        player.await("playing past " + far, MOVE, s -> s.ended() || s.currentTime() > far + 0.3);
        assertPictureMatchesLevel(player);
    }

    @Test
    void aViewerChoosingAQualitySeesThePictureOfThatSize() throws Exception {
        // the library's small files offer their original only: a 1080p one offers every quality
        Path hd = TestMedia.long1080p(60, 5).path();
        WebPlayer player = open();
        player.start(route(hd) + "/master.m3u8?clientId=" + UUID.randomUUID(), null, 240);
        PlayerState playing = player.await("playback at 240p", START, s -> s.currentTime() > 0.5);
        assertEquals(240, playing.level().height(), playing.toString());
        assertPictureMatchesLevel(player);
        for (int height : new int[] {480, 360}) {
            int index = indexOf(playing.levels(), height);
            player.chooseLevel(index);
            double from = player.state().currentTime();
            PlayerState.Level chosen = playing.levels().get(index);
            player.await("the picture of " + chosen, MOVE, s -> s.currentLevel() == index
                    && shows(s, chosen) && s.currentTime() > from + 0.5);
        }
        player.seek(45);
        player.await("playing past 45 s at 360p", MOVE, s -> s.currentTime() > 45.3 && s.videoHeight() == 360);
    }

    @Test
    void aSourceMpegTsCannotCarryIsOfferedOnlyAsTranscodes() throws Exception {
        // offered as they are, hls.js would pick the copy for its height and fail to parse it
        WebPlayer player = open();
        player.start(route(THEORA) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        PlayerState parsed = player.await("the master playlist", START, s -> !s.levels().isEmpty());
        assertEquals(3, parsed.levels().size(), parsed.toString());
        for (PlayerState.Level level : parsed.levels()) {
            assertTrue(level.codecs().startsWith("avc1.640028"), level.toString());
            assertFalse(level.url().contains("/original/"), "Theora has no MPEG-TS mapping: " + level);
        }
    }

    @Test
    void aChosenSubtitleTrackShowsItsCueAtItsTime() throws Exception {
        // the multi-track file's English SRT has "Third cue" from 10.5 to 12.0 s: offered as a
        // WebVTT rendition, hls.js renders it natively, with no subtitle code in the page
        WebPlayer player = open();
        player.start(route(TestMedia.multiTrackMkv().path()) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        player.await("playback", START, s -> s.currentTime() > 0.5);
        List<String> subtitles = player.subtitleTracks();
        int english = subtitles.indexOf("English");
        assertTrue(english >= 0, "subtitle renditions " + subtitles);
        player.chooseSubtitleTrack(english);
        player.pauseAt(11.2);
        long deadline = System.nanoTime() + MOVE.toNanos();
        List<String> shown = player.activeCues();
        while (!shown.contains("Third cue") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            shown = player.activeCues();
        }
        assertEquals(List.of("Third cue"), shown, "cues shown at 11.2 s: " + player.state());
        // and none of it a moment before the cue begins
        player.pauseAt(9.5);
        deadline = System.nanoTime() + MOVE.toNanos();
        while (!player.activeCues().isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        assertEquals(List.of(), player.activeCues(), "cues shown at 9.5 s");
        assertEquals(null, player.state().fatal(), player.state().toString());
    }
}
