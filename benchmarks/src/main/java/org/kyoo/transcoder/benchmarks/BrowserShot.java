package org.kyoo.transcoder.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kyoo.transcoder.players.Chromium;
import org.kyoo.transcoder.players.PlayerSite;
import org.kyoo.transcoder.players.PlayerState;
import org.kyoo.transcoder.players.WebPlayer;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * One viewer's session on a server of its own: the first frame, then seeks, each timed from the
 * seek to frames shown at the new position and traced: every request the player made meanwhile
 * (when it was asked and answered, relative to the seek) and what the server's heads did.
 *
 * @param kind   the web player
 * @param table  "" (MPEG-TS) or "/video" (fMP4)
 * @param height the level chosen before playing, 0: the player's automatic choice
 */
record BrowserShot(WebPlayer.Kind kind, String table, int height) {
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** A seek's figures: to frames shown there, to its fragment received, to the player's first segment request. */
    record Seek(String what, double at, double frameMs, double fragmentMs, double askMs, String trace) {}

    /** A session's figures, with what the player asked for before its first frame. */
    record Session(double firstFrameMs, String level, List<Seek> seeks, String firstTrace) {}

    String name() {
        return kind + " " + (table.isEmpty() ? "MPEG-TS" : "fMP4") + " " + (height == 0 ? "auto" : height + "p");
    }

    /**
     * Plays {@code media} on a server whose metadata folder is {@code metadata} (empty: a file never
     * seen; kept from a session before: a prepared file) with an empty segment cache; seeks to each
     * fraction of the duration in {@code seeks} (none: the first frame only), {@code into} seconds further.
     */
    Session play(Chromium chromium, Path media, Path config, double[] seeks, double into) throws Exception {
        Config settings = Config.fromEnvironment(Map.of("GOCODER_PORT", "0",
                "GOCODER_SAFE_PATH", media.getParent().toString()), config);
        try (TranscoderServer server = TranscoderServer.start(settings);
             PlayerSite site = PlayerSite.start(server.port());
             HeadsWatch heads = new HeadsWatch(server.port())) {
            WebPlayer player = chromium.open(site, kind);
            // Shaka's lookup tolerance for playlists that may be off: its default (2 s) unless told
            String tolerance = System.getProperty("browser.shakaTolerance");
            if (kind == WebPlayer.Kind.SHAKA && tolerance != null) {
                player.configure(Map.of("streaming", Map.of("inaccurateManifestTolerance", Double.parseDouble(tolerance))));
            }
            String master = site.origin() + table + "/" + Base64Path.encode(media.toRealPath().toString())
                    + "/master.m3u8?clientId=" + UUID.randomUUID();
            long started = System.nanoTime();
            player.start(master, null, height);
            PlayerState first = player.await("the first frame", WAIT, s -> s.firstFrameMs() > 0 && s.framesShown() >= 3);
            String firstTrace = requests(site, started, started + (long) (first.firstFrameMs() * 1e6));
            if (height != 0 && first.level() != null && first.level().height() != height) {
                throw new IllegalStateException(name() + ": asked for " + height + "p, played " + first.level());
            }
            List<Seek> done = new ArrayList<>();
            double duration = first.duration();
            for (int i = 0; i < seeks.length; i++) {
                // a second of playback between two seeks, as a viewer looking where they landed
                double playedTo = player.state().currentTime();
                player.await("playing on", WAIT, s -> s.currentTime() > playedTo + 1);
                String what = i == 0 ? "first" : seeks[i] > 0.85 ? "far" : "later";
                done.add(seek(player, site, heads, what, seeks[i] * duration + into));
            }
            return new Session(first.firstFrameMs(), size(player.state()), done, firstTrace);
        }
    }

    private Seek seek(WebPlayer player, PlayerSite site, HeadsWatch heads, String what, double at) throws InterruptedException {
        long t0 = System.nanoTime();
        player.seek(at);
        PlayerState s = player.await("frames at " + at, WAIT,
                st -> !st.seeking() && st.seekPlayingMs() >= 0 && st.framesSinceSeek() >= 3);
        long shown = t0 + (long) (s.seekPlayingMs() * 1e6);
        double askMs = asked(site, t0, shown).stream().filter(r -> r.path().contains("segment-"))
                .mapToDouble(r -> (r.start() - t0) / 1e6).findFirst().orElse(-1);
        StringBuilder trace = new StringBuilder(requests(site, t0, shown));
        for (HeadsWatch.Seen seen : heads.between(t0, shown)) {
            trace.append(String.format(Locale.ROOT, "    %6.0f ms  heads %s%n", (seen.at() - t0) / 1e6, seen.heads()));
        }
        return new Seek(what, at, s.seekPlayingMs(), s.seekFragmentMs(), askMs, trace.toString());
    }

    /** What the player asked for through the site between {@code from} and {@code to} (nanoTime), in order. */
    private static List<PlayerSite.Request> asked(PlayerSite site, long from, long to) {
        List<PlayerSite.Request> asked = new ArrayList<>();
        for (PlayerSite.Request r : site.requests()) if (r.start() >= from && r.start() <= to) asked.add(r);
        asked.sort(Comparator.comparingLong(PlayerSite.Request::start));
        return asked;
    }

    /** Those requests, a line each: when asked and answered (ms from {@code from}), status, path. */
    private static String requests(PlayerSite site, long from, long to) {
        StringBuilder trace = new StringBuilder();
        for (PlayerSite.Request r : asked(site, from, to)) {
            trace.append(String.format(Locale.ROOT, "    %6.0f → %6.0f ms  %d %s%n", (r.start() - from) / 1e6,
                    (r.end() - from) / 1e6, r.status(), shortPath(r.path())));
        }
        return trace.toString();
    }

    /** The path without the file's base64 part: {@code 720p/segment-54.ts}, {@code 0/720p/segment-54.mp4}. */
    static String shortPath(String path) {
        return path.replaceAll("^/(video/)?[A-Za-z0-9_=-]{16,}/", "");
    }

    private static String size(PlayerState state) {
        return state.videoWidth() + "x" + state.videoHeight();
    }
}
