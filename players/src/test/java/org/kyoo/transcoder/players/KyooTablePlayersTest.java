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
 * Upstream Kyoo's table ({@code /video}, fMP4) played as today's Kyoo front-end plays it: hls.js
 * 1.7 in headless Chromium, from {@code master.m3u8} and through the URIs the server writes only.
 * What a viewer sees: pictures that keep coming, of the size of the quality played, after every
 * seek, every audio track and every quality switch; never a variant the browser cannot decode.
 */
class KyooTablePlayersTest extends BrowserTest {
    @Override
    String table() {
        return "/video";
    }

    static Stream<Named<Path>> library() {
        return Stream.of(
                // AAC copied by default; the AC-3 5.1 track copied beside it
                Named.of("multi-track MKV (H.264, AAC + AC-3 5.1)", TestMedia.multiTrackMkv().path()),
                Named.of("MP4 with B-frames", TestMedia.mp4().path()),
                // the HEVC original does not decode here: the transcode must play, with copied Opus or AAC
                Named.of("HEVC with Opus and AAC", TestMedia.hevcWithOpusAndAac().path()),
                // no fMP4 mapping for Theora, no codec string: only the transcodes may be offered
                Named.of("Theora in Ogg", THEORA),
                // MP2 has no codec string: a pairing with its copy cannot say what it needs
                Named.of("DVB recording (H.264 + MP2 in MPEG-TS)", TestMedia.dvbRecording().path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void aPlayerNamedInTheQueryPlaysSeeksAndSwitchesEveryAudioTrack(Path fixture) throws Exception {
        WebPlayer player = open();
        player.start(route(fixture) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5);
        for (PlayerState.Level level : playing.levels()) assertTrue(player.decodes(level), "offered, yet not decodable: " + level);
        assertPictureMatchesLevel(player);
        picturesKeepComing(player, "from the start");
        double duration = playing.duration();
        assertTrue(duration > 5, "duration " + duration);

        // three seeks: one far, one back
        for (double at : new double[] {0.4 * duration, 0.85 * duration, 0.1 * duration}) {
            player.seek(at);
            player.await("playing past " + at, MOVE, s -> s.ended() || s.currentTime() > at + 0.3);
        }
        picturesKeepComing(player, "after seeking back");
        assertPictureMatchesLevel(player);

        // every audio track of the group hls.js plays, copied or transcoded, plays when chosen
        List<String> tracks = player.state().audioTracks();
        for (int track = 0; track < tracks.size(); track++) {
            if (track == player.state().audioTrack()) continue;
            int chosen = track;
            player.chooseAudioTrack(chosen);
            double from = player.state().currentTime();
            player.await("audio track " + tracks.get(chosen), MOVE,
                    s -> s.audioSwitched() == chosen && s.currentTime() > from + 1);
        }

        // and every other pairing of video and audio hls.js kept (copied audio, the AAC ladder)
        List<PlayerState.Level> levels = player.state().levels();
        for (int level = 0; level < levels.size(); level++) {
            if (level == player.state().currentLevel()) continue;
            int index = level;
            PlayerState.Level chosen = levels.get(index);
            player.chooseLevel(index);
            if (player.state().ended()) player.seek(0.3 * duration);
            double from = player.state().currentTime();
            player.await("the picture of " + chosen, MOVE, s -> s.currentLevel() == index
                    && shows(s, chosen) && s.currentTime() > from + 0.5);
        }
        PlayerState end = player.state();
        assertEquals(null, end.fatal(), end.toString());
    }

    @Test
    void aPlayerNamedInAHeaderPlaysAndSeeks() throws Exception {
        WebPlayer player = open();
        player.start(route(TestMedia.multiTrackMkv().path()) + "/master.m3u8", "header-" + UUID.randomUUID());
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5);
        assertPictureMatchesLevel(player);
        double far = 0.8 * playing.duration();
        player.seek(far);
        player.await("playing past " + far, MOVE, s -> s.ended() || s.currentTime() > far + 0.3);
        player.seek(2);
        picturesKeepComing(player, "after seeking back to 2 s");
        assertEquals(null, player.state().fatal(), player.state().toString());
    }

    @Test
    void aViewerSwitchesBetweenTranscodesAndTheOriginal() throws Exception {
        // a 1080p H.264 High source: 240p…720p transcodes and the original copied (no "transcode": it is H.264 High)
        Path hd = TestMedia.long1080p(60, 5).path();
        WebPlayer player = open();
        player.start(route(hd) + "/master.m3u8?clientId=" + UUID.randomUUID(), null, 240);
        PlayerState playing = player.await("playback at 240p", START, s -> s.currentTime() > 0.5);
        assertEquals(240, playing.level().height(), playing.toString());
        assertPictureMatchesLevel(player);
        for (int height : new int[] {480, 1080, 240}) {
            int index = indexOf(playing.levels(), height);
            player.chooseLevel(index);
            double from = player.state().currentTime();
            PlayerState.Level chosen = playing.levels().get(index);
            player.await("the picture of " + chosen, MOVE, s -> s.currentLevel() == index
                    && shows(s, chosen) && s.currentTime() > from + 0.5);
        }
        int original = indexOf(playing.levels(), 1080);
        assertTrue(playing.levels().get(original).url().contains("/0/original/index.m3u8"), playing.toString());
        player.chooseLevel(original);
        player.seek(45);
        player.await("the original playing past 45 s", MOVE, s -> s.currentTime() > 45.3 && s.videoHeight() == 1080);
        assertEquals(null, player.state().fatal(), player.state().toString());
    }

    @Test
    void anOriginalTheBrowserCannotDecodeIsNeverChosen() throws Exception {
        for (Path source : List.of(THEORA, TestMedia.hevcWithOpusAndAac().path())) {
            WebPlayer player = open();
            player.start(route(source) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
            PlayerState parsed = player.await("the master playlist of " + source.getFileName(), START, s -> !s.levels().isEmpty());
            for (PlayerState.Level level : parsed.levels()) {
                assertTrue(level.codecs().startsWith("avc1.640028"), level.toString());
                assertFalse(level.url().contains("/original/"), source.getFileName() + "'s original cannot play here: " + level);
            }
            assertTrue(parsed.levels().stream().anyMatch(l -> l.url().contains("/0/transcode/index.m3u8")), parsed.toString());
        }
    }

    @Test
    void copiedAudioPlaysWhereTheBrowserDecodesItAndIsNotPickedWhereItCannot() throws Exception {
        // AAC and AC-3 copies: Chromium has no AC-3, so hls.js keeps only the pairing with the AAC
        // ladder, where the French track plays too (transcoded)
        WebPlayer player = open();
        player.start(route(TestMedia.multiTrackMkv().path()) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5);
        for (PlayerState.Level level : playing.levels()) {
            assertFalse(level.codecs().contains("mp4a.a5"), "AC-3 does not decode here: " + level);
        }
        int french = playing.audioTracks().indexOf("fr (fr)");
        assertTrue(french >= 0, playing.toString());
        assertTrue(player.audioTrackUrls().get(french).contains("/audio/1/128k/index.m3u8"), player.audioTrackUrls().toString());
        player.chooseAudioTrack(french);
        double from = player.state().currentTime();
        player.await("the French track", MOVE, s -> s.audioSwitched() == french && s.currentTime() > from + 1);

        // Opus and AAC copies both decode here: that pairing is kept, and each copy plays as it is
        player = open();
        player.start(route(TestMedia.hevcWithOpusAndAac().path()) + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        PlayerState parsed = player.await("playback", START, s -> s.currentTime() > 0.5);
        int copies = -1;
        for (int i = 0; i < parsed.levels().size(); i++) {
            if (parsed.levels().get(i).codecs().toLowerCase(java.util.Locale.ROOT).contains("opus")) copies = i;
        }
        assertTrue(copies >= 0, "the copies' pairing: " + parsed);
        int chosen = copies;
        player.chooseLevel(chosen);
        double before = player.state().currentTime();
        player.await("playback with the copies", MOVE, s -> s.currentLevel() == chosen && s.currentTime() > before + 1);
        List<String> urls = player.audioTrackUrls();
        for (int track = 0; track < urls.size(); track++) {
            assertTrue(urls.get(track).contains("/audio/" + track + "/original/index.m3u8"), urls.toString());
            if (track == player.state().audioTrack()) continue;
            int other = track;
            player.chooseAudioTrack(other);
            double at = player.state().currentTime();
            player.await("copied audio track " + other, MOVE, s -> s.audioSwitched() == other && s.currentTime() > at + 1);
        }
        // from the copies to the AAC ladder: the same picture, the audio now transcoded
        int ladder = -1;
        for (int i = 0; i < parsed.levels().size(); i++) {
            PlayerState.Level level = parsed.levels().get(i);
            if (level.url().equals(parsed.levels().get(chosen).url()) && level.codecs().endsWith(",mp4a.40.2")) ladder = i;
        }
        assertTrue(ladder >= 0, "the same video with the AAC ladder: " + parsed);
        int pairing = ladder;
        if (player.state().ended()) player.seek(2);
        player.chooseLevel(pairing);
        double then = player.state().currentTime();
        player.await("the AAC ladder's pairing", MOVE, s -> s.currentLevel() == pairing && s.currentTime() > then + 1);
        for (String url : player.audioTrackUrls()) assertTrue(url.contains("/128k/index.m3u8"), player.audioTrackUrls().toString());
        assertEquals(null, player.state().fatal(), player.state().toString());
    }

    /** Frames are presented and the clock moves: the picture is not frozen. */
    private static void picturesKeepComing(WebPlayer player, String when) throws InterruptedException {
        PlayerState now = player.state();
        player.await("pictures " + when, MOVE, s -> s.ended()
                || (s.framesShown() > now.framesShown() + 5 && s.currentTime() > now.currentTime() + 0.3));
    }

}
