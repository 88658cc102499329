package org.kyoo.transcoder.engine.scheduling;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each player is: the one owner of it, fed by the server (playlists) and by the request
 * path (segments), read by the scheduler. It keeps two views of the same fact, updated together:
 * per player its file, tracks and last segment for an hour ({@link ClientTracker}: what a player
 * leaves behind stops), and per stream each player's latest request for the idle time
 * ({@link RequestWindow}: how urgent a wait is, which heads are near someone, which streams
 * nobody asks anything of). The two have locks of their own, never held while calling a stream.
 */
public final class Players {
    private final ClientTracker tracker;
    private final Ticker ticker;
    private final double bufferSeconds;
    private final long idleNanos;
    /** Per file, per stream, the requests' window. */
    private final Map<Path, Map<StreamId, RequestWindow>> windows = new ConcurrentHashMap<>();

    /** @param streams what a player leaving something behind stops */
    public Players(StreamControl streams, Ticker ticker, SchedulerSettings settings) {
        this.tracker = new ClientTracker(streams, ticker);
        this.ticker = ticker;
        this.bufferSeconds = settings.bufferSeconds();
        this.idleNanos = settings.idleStopNanos();
    }

    /** What a playlist request says of its player: the file it opened, a track it chose. */
    public void seen(ClientPosition position) {
        tracker.seen(position);
    }

    /**
     * {@code who} asked for segment n, starting at {@code start} (seconds of media), of stream
     * {@code stream} of {@code file}. Returns how urgent it is should it have to wait (see
     * {@link RequestWindow#record}). A player watches one stream of each kind of a file at a
     * time: asking for this one, it leaves the others of its kind (a quality switch), and a head
     * there that only it was near pauses at once instead of running on a buffer ahead of where it was.
     */
    public Priority asked(Demand who, Path file, StreamId stream, int n, double start) {
        if (who.client() != null) {
            windows.getOrDefault(file, Map.of()).forEach((id, other) -> {
                if (!id.equals(stream) && id.audio() == stream.audio()) other.forget(who);
            });
        }
        return window(file, stream).record(who, n, start);
    }

    /**
     * Whether {@code who} asking for segment n of {@code stream} would be a jump there (a first
     * request or a seek); {@code unknown} when it asked nothing of that stream lately.
     */
    public boolean wouldJump(Demand who, Path file, StreamId stream, int n, boolean unknown) {
        RequestWindow w = existing(file, stream);
        return w == null ? unknown : w.wouldJump(who, n, unknown);
    }

    /** The audio stream of {@code file} that {@code who} asked something of last, lately; empty when none. */
    public Optional<StreamId> lastAudio(Demand who, Path file) {
        StreamId last = null;
        long lastNanos = 0;
        for (Map.Entry<StreamId, RequestWindow> e : windows.getOrDefault(file, Map.of()).entrySet()) {
            if (!e.getKey().audio()) continue;
            OptionalLong at = e.getValue().latestNanos(who);
            // ticker values compare by difference only
            if (at.isPresent() && (last == null || at.getAsLong() - lastNanos > 0)) {
                last = e.getKey();
                lastNanos = at.getAsLong();
            }
        }
        return Optional.ofNullable(last);
    }

    /** Whether a head about to make the segment starting at {@code start} is near no player of the stream. */
    public boolean nearNobody(Path file, StreamId stream, double start) {
        RequestWindow w = existing(file, stream);
        // nobody asked anything of it yet: nobody is near (unless heads never pause)
        return w == null ? Double.isFinite(bufferSeconds) : w.tooFarAhead(start);
    }

    /** True once someone asked something of the stream and then nobody asked anything for the idle time. */
    public boolean abandoned(Path file, StreamId stream) {
        RequestWindow w = existing(file, stream);
        return w != null && w.abandoned();
    }

    /** The file's streams are gone: so are their windows. */
    public void forgetFile(Path file) {
        windows.remove(file);
    }

    /** Forgets players silent for an hour and drops the segments of files unused for four (every few minutes). */
    public void sweep() {
        tracker.sweep();
    }

    /** Files with segments no player watches now, least recently used first: what a full cache drops first. */
    public List<Path> unwatchedLeastRecentlyUsed() {
        return tracker.unwatchedLeastRecentlyUsed();
    }

    /** The file's segments were deleted (to bound the disk): nothing left of it to expire. */
    public void cacheDeleted(Path file) {
        tracker.cacheDeleted(file);
    }

    /** The players known now, for metrics, tests and diagnostics. */
    public List<ClientPosition> clients() {
        return tracker.clients();
    }

    private RequestWindow existing(Path file, StreamId stream) {
        Map<StreamId, RequestWindow> ofFile = windows.get(file);
        return ofFile == null ? null : ofFile.get(stream);
    }

    private RequestWindow window(Path file, StreamId stream) {
        return windows.computeIfAbsent(file, f -> new ConcurrentHashMap<>())
                .computeIfAbsent(stream, s -> new RequestWindow(ticker, bufferSeconds, idleNanos));
    }
}
