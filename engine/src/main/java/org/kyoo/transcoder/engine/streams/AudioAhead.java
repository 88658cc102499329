package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.StreamId;

/**
 * A player that jumps in a video stream (a seek) asks for the same segment of its audio track only
 * once the video's has come (hls.js and Shaka both wait for it), and shows nothing until both are
 * there: a fresh audio head then adds its start-up and a segment or two after the video's wait.
 * Asked for it now, on the player's behalf, the audio is made beside the video and is there when
 * the player asks. Only where the player jumps in its audio too (not a quality switch, whose audio
 * plays on), and only on the audio track it asked of last.
 */
final class AudioAhead {
    private static final System.Logger LOG = System.getLogger(AudioAhead.class.getName());

    private AudioAhead() {}

    /**
     * Before {@code who}'s request for segment n of {@code video} is recorded: the audio stream to
     * ask the same segment of, when that request is a jump in both; empty otherwise.
     */
    static Optional<Stream> jumping(Players players, Path file, Map<String, Stream> streams, Rendition video, int n, Demand who) {
        try {
            return find(players, file, streams, video, n, who);
        } catch (RuntimeException e) {
            // the video's request goes on without it
            LOG.log(System.Logger.Level.DEBUG, "No audio asked ahead for segment " + n + " of " + file + ": " + e);
            return Optional.empty();
        }
    }

    private static Optional<Stream> find(Players players, Path file, Map<String, Stream> streams, Rendition video, int n, Demand who) {
        // the audio is cut on the first video track's keyframes: segment n is the same time in both
        if (video.audio() || who.client() == null || (video.fragmented() && video.track() != 0)) return Optional.empty();
        // a seek within the level it plays (a player new to this level switched quality: its audio plays on)
        if (!players.wouldJump(who, file, video.id(), n, false)) return Optional.empty();
        Optional<StreamId> audio = players.lastAudio(who, file);
        if (audio.isEmpty() || !players.wouldJump(who, file, audio.get(), n, false)) return Optional.empty();
        Stream s = streams.get(audio.get().label());
        if (s == null || s.setup().rendition().container() != video.container() || n >= s.segmentCount() || s.isReady(n)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /**
     * Asks {@code audio} for segment n on {@code who}'s behalf, for as long as the video's request
     * waits: nobody reads the answer (the player asks again), and a player that drops the video's
     * request (it seeks on, or leaves) drops this one with it.
     */
    static void ask(Stream audio, int n, Demand who, CompletableFuture<?> video) {
        try {
            // the wait itself, not a stage after it: cancelling it ends the wait
            CompletableFuture<?> ahead = audio.segment(n, who);
            ahead.exceptionally(e -> null);
            video.whenComplete((done, error) -> {
                if (video.isCancelled()) ahead.cancel(false);
            });
        } catch (RuntimeException e) {
            // the video's request has its answer coming: the player's own audio request meets this error
            LOG.log(System.Logger.Level.DEBUG, "Asking " + audio + " ahead for segment " + n + " failed: " + e);
        }
    }
}
