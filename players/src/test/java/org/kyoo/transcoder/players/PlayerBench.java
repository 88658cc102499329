package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * What a browser test plays against: the server on a free port with its safe root in a folder of
 * the test's, the player's site in front of it on the same origin, and headless Chromium. Files are
 * copied under the root and reached only through the URIs a player would be given.
 */
final class PlayerBench implements AutoCloseable {
    /** No MPEG-TS or fMP4 mapping, odd frame size, no audio: from {@code ../shared/media} beside the checkout. */
    static final Path THEORA = Path.of(System.getProperty("shared.media.dir", "../shared/media"),
            "theora-378x382-15fps.ogv");

    /** How long a player may take to start playing, and to follow a seek or a switch. */
    static final Duration START = Duration.ofSeconds(90);
    static final Duration MOVE = Duration.ofSeconds(60);

    private final Path root;
    private TranscoderServer server;
    private PlayerSite site;
    private Chromium chromium;

    private PlayerBench(Path root) {
        this.root = root;
    }

    static PlayerBench start(Path dir) throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        PlayerBench bench = new PlayerBench(Files.createDirectories(config.safeRoot()).toRealPath());
        try {
            bench.server = TranscoderServer.start(config);
            bench.site = PlayerSite.start(bench.server.port());
            bench.chromium = Chromium.start();
            return bench;
        } catch (Exception | Error e) {
            bench.close();
            throw e;
        }
    }

    /** {@code <origin><table>/<path>} of a copy of {@code fixture} under the root ({@code table}: "" or "/video"). */
    String route(String table, Path fixture) throws Exception {
        // copied once: played again (another table, another player) it is the same file version
        Path file = root.resolve(fixture.getFileName());
        if (!Files.exists(file)) Files.copy(fixture, file, StandardCopyOption.REPLACE_EXISTING);
        return site.origin() + table + "/" + Base64Path.encode(file.toString());
    }

    /** A fresh page with hls.js, refusing a Chromium whose MSE cannot play H.264/AAC at all. */
    WebPlayer open() {
        return open(WebPlayer.Kind.HLS_JS);
    }

    /** A fresh page with the player of {@code kind}, refusing a Chromium whose MSE cannot play H.264/AAC at all. */
    WebPlayer open(WebPlayer.Kind kind) {
        WebPlayer player = chromium.open(site, kind);
        assertTrue(player.playsH264AndAac(),
                "this Chromium's MSE cannot play H.264/AAC: install Debian's chromium (it has the proprietary codecs)");
        return player;
    }

    /** The site in front of the server (its request log). */
    PlayerSite site() {
        return site;
    }

    @Override
    public void close() throws Exception {
        try {
            if (chromium != null) chromium.close();
        } finally {
            try {
                if (site != null) site.close();
            } finally {
                if (server != null) server.close();
            }
        }
    }

    static int indexOf(List<PlayerState.Level> levels, int height) {
        for (int i = 0; i < levels.size(); i++) if (levels.get(i).height() == height) return i;
        throw new AssertionError("no " + height + "p level in " + levels);
    }

    /** What the video element shows is the size of the level hls.js says it plays. */
    static void assertPictureMatchesLevel(WebPlayer player) throws InterruptedException {
        PlayerState state = player.state();
        PlayerState.Level level = state.level();
        if (level == null || level.height() == 0) {
            assertEquals(0, state.videoHeight(), "an audio-only level shows no picture");
            return;
        }
        player.await("the picture of " + level, MOVE, s -> s.level() != null && shows(s, s.level()));
    }

    /**
     * The picture has the level's height, and its width to a pixel: the scaler rounds the width to
     * an even number and keeps the display aspect in the sample aspect ratio, which the video
     * element applies (1920x1080 at 240p: 426 pixels wide, shown 427 wide).
     */
    static boolean shows(PlayerState state, PlayerState.Level level) {
        return state.videoHeight() == level.height() && Math.abs(state.videoWidth() - level.width()) <= 1;
    }
}
