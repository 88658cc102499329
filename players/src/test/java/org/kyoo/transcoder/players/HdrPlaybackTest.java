package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.players.PlayerBench.START;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.HdrPicture;

/**
 * An HDR10 film in hls.js, on both tables: the browser (no HDR screen, no HEVC decoder) plays a
 * tone-mapped transcode, and the picture it paints has the colours of the SDR picture the film was
 * made from ({@link HdrPicture}'s bars), read from a canvas. Taken for SDR, as transcodes were made
 * before tone mapping, the same bars are off by about 100.
 */
class HdrPlaybackTest extends BrowserTest {
    /** Per channel, 0-255: the browser's own YUV to RGB and the two lossy encodes (the engine's tests see up to 22). */
    static final int TOLERANCE = 32;

    @Override
    String table() {
        return "";
    }

    @ParameterizedTest(name = "table \"{0}\"")
    @ValueSource(strings = {"", "/video"})
    void theTranscodeShowsTheSdrPictureTheFilmWasMadeFrom(String table) throws Exception {
        WebPlayer player = open();
        player.start(bench.route(table, HdrMedia.hdr10().path()) + "/master.m3u8?clientId=" + UUID.randomUUID(), null,
                HdrMedia.HEIGHT);
        PlayerState playing = player.await("playback", START, s -> s.currentTime() > 0.5 && s.framesShown() > 5);
        assertNotNull(playing.level(), playing.toString());
        assertFalse(playing.level().url().contains("original"), "the HDR original is not what this browser plays: " + playing);
        assertTrue(playing.level().codecs().startsWith("avc1"), playing.toString());
        player.pauseAt(1.0);
        int[][] seen = new int[HdrPicture.BARS.length][];
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int bar = 0; bar < seen.length; bar++) {
            while ((seen[bar] = player.colourAt((2 * bar + 1) * HdrMedia.WIDTH / 16, HdrMedia.HEIGHT / 3)) == null) {
                assertTrue(System.nanoTime() < deadline, "no settled picture to read: " + player.state());
                Thread.sleep(50);
            }
        }
        for (int bar = 0; bar < seen.length; bar++) {
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(seen[bar][c] - HdrPicture.BARS[bar][c]) <= TOLERANCE, "bar " + bar + ": the browser shows "
                        + Arrays.toString(seen[bar]) + " where the SDR picture has " + Arrays.toString(HdrPicture.BARS[bar]));
            }
        }
        System.out.println("HDR10 in hls.js, table \"" + table + "\": bars " + Arrays.deepToString(seen));
    }
}
