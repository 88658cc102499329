package org.kyoo.transcoder.players;

import java.util.List;
import java.util.Map;

/**
 * What the page's video element and player say at one moment (the page's {@code player.state()}).
 * {@code framesShown}: pictures the video element has presented so far (its frame callbacks);
 * {@code framesSinceSeek}: those shown at or after the last seek's target, once the seek was done.
 * {@code errors}: every error the player reported, fatal or not.
 */
public record PlayerState(
        double currentTime,
        double duration,
        boolean ended,
        boolean paused,
        boolean seeking,
        int videoWidth,
        int videoHeight,
        int currentLevel,
        List<Level> levels,
        int audioTrack,
        List<String> audioTracks,
        int audioSwitched,
        String fatal,
        List<String> errors,
        double firstFrameMs,
        double seekPlayingMs,
        double firstFragmentMs,
        double seekFragmentMs,
        int framesShown,
        int framesSinceSeek) {

    /** A variant of the master playlist as hls.js parsed it. */
    public record Level(int width, int height, String url, String codecs) {}

    @SuppressWarnings("unchecked")
    static PlayerState of(Map<String, Object> js) {
        List<Level> levels = ((List<Map<String, Object>>) js.get("levels")).stream()
                .map(l -> new Level(integer(l.get("width")), integer(l.get("height")), (String) l.get("url"),
                        (String) l.get("codecs")))
                .toList();
        return new PlayerState(number(js.get("currentTime")), number(js.get("duration")), Boolean.TRUE.equals(js.get("ended")),
                Boolean.TRUE.equals(js.get("paused")), Boolean.TRUE.equals(js.get("seeking")),
                integer(js.get("videoWidth")), integer(js.get("videoHeight")), integer(js.get("currentLevel")), levels,
                integer(js.get("audioTrack")), (List<String>) js.get("audioTracks"), integer(js.get("audioSwitched")),
                (String) js.get("fatal"), (List<String>) js.get("errors"), number(js.get("firstFrameMs")),
                number(js.get("seekPlayingMs")), number(js.get("firstFragmentMs")), number(js.get("seekFragmentMs")),
                integer(js.get("framesShown")), integer(js.get("framesSinceSeek")));
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static int integer(Object value) {
        return value == null ? -1 : ((Number) value).intValue();
    }

    public Level level() {
        return currentLevel >= 0 && currentLevel < levels.size() ? levels.get(currentLevel) : null;
    }
}
