package org.kyoo.transcoder.players;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * A web player (hls.js or Shaka Player) on its page, driven as a viewer would: load, watch, seek,
 * pick a quality or an audio track. Both pages answer the same calls (their {@code player} object,
 * {@code player.js}). Every wait fails early, with what the player said, on a fatal error.
 */
public final class WebPlayer {
    /** The players the site serves, each on its page. */
    public enum Kind {
        HLS_JS("hls.html"),
        SHAKA("shaka.html");

        private final String page;

        Kind(String page) {
            this.page = page;
        }

        /** Its page under the site's {@code /player/}. */
        public String page() {
            return page;
        }
    }

    private final WebDriver driver;
    private final JavascriptExecutor js;
    private final Kind kind;

    WebPlayer(WebDriver driver, Kind kind) {
        this.driver = driver;
        this.js = (JavascriptExecutor) driver;
        this.kind = kind;
    }

    /** The browser driving the page (for what this class has no call for). */
    public WebDriver driver() {
        return driver;
    }

    /** Keeps the player's own log lines from the next start on ({@link #logs()}). */
    public void keepLogs() {
        js.executeScript("player.logging = true");
    }

    /** The player's own log lines kept since start, each with its time since load (ms). */
    @SuppressWarnings("unchecked")
    public List<String> logs() {
        return (List<String>) js.executeScript("return player.logs");
    }

    public Kind kind() {
        return kind;
    }

    /** The player and its version, as the page names it ({@code hls.js 1.7.4}, {@code Shaka Player v5.2.12}). */
    public String name() {
        return (String) js.executeScript("return player.name");
    }

    /** Whether this browser's Media Source Extensions play H.264 and AAC as the player needs. */
    public boolean playsH264AndAac() {
        return Boolean.TRUE.equals(js.executeScript("return player.supported()"));
    }

    /**
     * Whether this browser's MSE decodes {@code level} in fMP4: a video codec named and supported, and
     * every audio codec its audio group names, when there is one. A level without a video codec
     * string is a guess hls.js cannot check, so it counts as not decodable.
     */
    public boolean decodes(PlayerState.Level level) {
        return Boolean.TRUE.equals(js.executeScript("const [v, ...audios] = arguments[0].split(',');"
                + " return !!v && MediaSource.isTypeSupported('video/mp4; codecs=\"' + v + '\"')"
                + "   && audios.every((a) => !a || MediaSource.isTypeSupported('audio/mp4; codecs=\"' + a + '\"'))",
                level.codecs()));
    }

    /**
     * Starts playing {@code masterUrl}, muted.
     *
     * @param headerClientId sent as {@code X-CLIENT-ID} on every request (hls.js's xhrSetup); null
     *                       when the URL's query names the player
     */
    /**
     * Player settings applied at the next start, as a site embedding the player would set them
     * (Shaka: the object its {@code configure} takes); without them, the player's defaults.
     */
    public void configure(Map<String, Object> settings) {
        js.executeScript("player.config = arguments[0]", settings);
    }

    public void start(String masterUrl, String headerClientId) {
        start(masterUrl, headerClientId, 0);
    }

    /** As {@link #start(String, String)}, the quality of height {@code forcedHeight} chosen before playing (0: automatic). */
    public void start(String masterUrl, String headerClientId, int forcedHeight) {
        js.executeScript("player.start(arguments[0], arguments[1], arguments[2])", masterUrl, headerClientId, forcedHeight);
    }

    @SuppressWarnings("unchecked")
    public PlayerState state() {
        return PlayerState.of((Map<String, Object>) js.executeScript("return player.state()"));
    }

    public void seek(double seconds) {
        js.executeScript("player.seek(arguments[0])", seconds);
    }

    /** Forces a quality (an index into {@link PlayerState#levels()}); -1 for automatic. */
    public void chooseLevel(int level) {
        js.executeScript("player.chooseLevel(arguments[0])", level);
    }

    public void chooseAudioTrack(int track) {
        js.executeScript("player.chooseAudioTrack(arguments[0])", track);
    }

    /** The playlist URL of each audio track of the group the player plays now, as {@link PlayerState#audioTracks()} (hls.js only). */
    @SuppressWarnings("unchecked")
    public List<String> audioTrackUrls() {
        return (List<String>) js.executeScript("return player.audioTrackUrls()");
    }

    /** The names of the subtitle tracks the player found in the master playlist. */
    @SuppressWarnings("unchecked")
    public List<String> subtitleTracks() {
        return (List<String>) js.executeScript("return player.subtitleTracks()");
    }

    /** Shows subtitle track {@code track}, as a viewer picking it in a menu. */
    public void chooseSubtitleTrack(int track) {
        js.executeScript("player.chooseSubtitleTrack(arguments[0])", track);
    }

    /** Pauses and moves to {@code seconds}: the picture, and the cues, of that instant stay on screen. */
    public void pauseAt(double seconds) {
        js.executeScript("const v = document.getElementById('video'); v.pause(); v.currentTime = arguments[0]", seconds);
    }

    /** The text of every cue the video element shows now, over all its text tracks. */
    @SuppressWarnings("unchecked")
    public List<String> activeCues() {
        return (List<String>) js.executeScript("const out = [];"
                + " for (const t of document.getElementById('video').textTracks) {"
                + "   if (t.activeCues) for (const c of t.activeCues) out.push(c.text);"
                + " } return out;");
    }

    /**
     * The {@code #EXT-X-DATERANGE}s hls.js (only) read from the playlist it plays now, as it maps them onto
     * the media timeline: {@code id}, {@code class}, {@code start} (seconds), {@code duration} and
     * their client attributes ({@code X-TYPE}…).
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> dateRanges() {
        return (List<Map<String, Object>>) js.executeScript("const hls = player.hls;"
                + " const level = hls.levels[Math.max(0, hls.currentLevel)];"
                + " if (!level || !level.details || !level.details.dateRanges) return [];"
                + " return Object.values(level.details.dateRanges).map((r) => Object.assign({ id: r.id, class: r.class,"
                + "   start: r.startTime, duration: r.duration }, r.attr));");
    }

    /**
     * The colour (RGB, 0-255) of the picture shown now at ({@code x}, {@code y}) in video pixels, as
     * the browser paints it, read through a canvas; null while no settled picture is shown.
     */
    @SuppressWarnings("unchecked")
    public int[] colourAt(int x, int y) {
        List<Number> rgb = (List<Number>) js.executeScript("const v = document.getElementById('video');"
                + " if (v.readyState < 2 || v.seeking || !v.videoWidth) return null;"
                + " const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                + " const g = c.getContext('2d'); g.drawImage(v, 0, 0);"
                + " const d = g.getImageData(arguments[0], arguments[1], 1, 1).data; return [d[0], d[1], d[2]];", x, y);
        return rgb == null ? null : new int[] {rgb.get(0).intValue(), rgb.get(1).intValue(), rgb.get(2).intValue()};
    }

    /** Waits until {@code condition} holds; fails on a fatal player error or after {@code timeout}. */
    public PlayerState await(String what, Duration timeout, Predicate<PlayerState> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PlayerState state = state();
            if (state.fatal() != null) {
                throw new AssertionError(kind + " fatal error " + state.fatal() + " while waiting for " + what + ": " + state);
            }
            if (condition.test(state)) return state;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + ": " + state);
            Thread.sleep(50);
        }
    }
}
