package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A viewer's session with one file, as strict as a viewer: playback starts and pictures of the
 * level's size are shown; a seek counts only once pictures are shown at the new position (the
 * video having ended does not do); a level and an audio switch each show their picture and move
 * on; and every error the player reports, fatal or not, is either named as expected, with why, or
 * fails the session.
 */
final class Viewer {
    /** How long a short play may take to start, and to follow a seek or a switch. */
    static final Duration START = Duration.ofSeconds(60);
    static final Duration MOVE = Duration.ofSeconds(45);
    /** Pictures at the new position that make a seek done. */
    private static final int FRAMES_AFTER_SEEK = 3;

    /** An error a player may report on a file, and why it is not a fault of the server. */
    record Expected(Pattern error, String why) {
        static Expected of(String regex, String why) {
            return new Expected(Pattern.compile(regex), why);
        }
    }

    private final WebPlayer player;
    private final String what;
    private final List<Expected> expected;

    Viewer(WebPlayer player, String what, List<Expected> expected) {
        this.player = player;
        this.what = player.kind() + " on " + what;
        this.expected = expected;
    }

    /** Starts, switches level and audio track where there is another, seeks three times (one far); returns the errors no one expected. */
    List<String> watch(String master) throws InterruptedException {
        player.start(master, null);
        PlayerState playing = player.await(what + ": playback", START, s -> s.currentTime() > 0.3
                && (s.framesShown() >= 3 || (s.videoHeight() == 0 && audioOnly(s))));
        double duration = playing.duration();
        assertTrue(duration > 1, what + ": duration " + duration);
        PlayerBench.assertPictureMatchesLevel(player);

        // a level switch: the other end of the list
        List<PlayerState.Level> levels = playing.levels();
        if (levels.size() > 1) {
            int now = player.state().currentLevel();
            int other = now == levels.size() - 1 ? 0 : levels.size() - 1;
            PlayerState.Level chosen = levels.get(other);
            player.chooseLevel(other);
            moving("the picture of " + chosen, duration,
                    s -> s.currentLevel() == other && (chosen.height() == 0 || PlayerBench.shows(s, chosen)));
        }
        // an audio switch
        List<String> tracks = player.state().audioTracks();
        if (tracks.size() > 1) {
            int other = player.state().audioTrack() == 0 ? 1 : 0;
            player.chooseAudioTrack(other);
            moving("audio track " + tracks.get(other), duration, s -> s.audioSwitched() == other);
        }
        // three seeks, one far, one back
        for (double at : new double[] {0.4 * duration, 0.85 * duration, 0.1 * duration}) seek(at);
        PlayerBench.assertPictureMatchesLevel(player);
        return unexpected(player.state().errors());
    }

    /** Seeks to {@code at} and waits for pictures (or, audio only, playback) there: the end of the file does not count. */
    void seek(double at) throws InterruptedException {
        player.seek(at);
        player.await(what + ": pictures at " + at, MOVE, s -> !s.seeking() && s.seekPlayingMs() >= 0 && s.currentTime() >= at - 0.1
                && (s.videoHeight() == 0 ? s.currentTime() > at + 0.2 : s.framesSinceSeek() >= FRAMES_AFTER_SEEK));
    }

    /**
     * Waits until {@code condition} holds while playback moves on (pictures, or the clock for audio
     * only); a short file that ends meanwhile is played again from near its start, as a viewer would.
     */
    private void moving(String thing, Duration timeoutEach, double duration, Predicate<PlayerState> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutEach.toNanos();
        while (true) {
            PlayerState from = player.state();
            long left = Math.max(1, deadline - System.nanoTime());
            PlayerState now = player.await(what + ": " + thing, Duration.ofNanos(left), s -> s.ended()
                    || (condition.test(s) && (s.videoHeight() == 0
                            ? s.currentTime() > from.currentTime() + 0.2 : s.framesShown() >= from.framesShown() + 3)));
            if (!now.ended()) return;
            player.seek(0.05 * duration);
        }
    }

    private void moving(String thing, double duration, Predicate<PlayerState> condition) throws InterruptedException {
        moving(thing, MOVE, duration, condition);
    }

    private static boolean audioOnly(PlayerState s) {
        return !s.levels().isEmpty() && s.levels().stream().allMatch(l -> l.height() == 0);
    }

    private List<String> unexpected(List<String> errors) {
        List<String> out = new ArrayList<>();
        for (String error : errors) {
            if (expected.stream().noneMatch(e -> e.error().matcher(error).find())) out.add(error);
        }
        return out;
    }
}
