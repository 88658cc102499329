package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * One file's renditions, each a {@link Stream} of segments made by heads, kept in the segment
 * store under the file version's sha. Every rendition of the original table and every audio
 * rendition cut on the first video track's keyframes; each video track of upstream's table on its own.
 */
public final class FileStream {
    /** How far (in segments) from every client a head may be before it is stopped as orphaned. */
    public static final int ORPHAN_DISTANCE = 20;
    /** How long a stream cut on a failed keyframe scan may take to stop its heads. */
    private static final Duration STALE_STREAM_WAIT = Duration.ofSeconds(10);

    private final Path path;
    private final MediaInfo info;
    private final KeyframeIndex keyframes;
    /**
     * The cut points of the video tracks after the first, each its own index (see {@link #keyframes(int)}):
     * the store's, so a scan that failed is started again by the next request.
     */
    private final IntFunction<KeyframeIndex> laterTracks;
    private final StreamEnvironment environment;
    private final ConcurrentMap<String, Stream> streams = new ConcurrentHashMap<>();

    /** @param laterTracks the cut points of video track N > 0, indexed when first asked for */
    public FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, IntFunction<KeyframeIndex> laterTracks,
                      StreamEnvironment environment) {
        this.path = path;
        this.info = info;
        this.keyframes = keyframes;
        this.laterTracks = laterTracks;
        this.environment = environment;
    }

    public Path path() {
        return path;
    }

    public MediaInfo info() {
        return info;
    }

    public KeyframeIndex keyframes() {
        return keyframes;
    }

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks), once its
     * first batch is usable: the first track's are {@link #keyframes()}. Waits for that batch no
     * longer than a request waits for its segment.
     */
    public KeyframeIndex keyframes(int videoTrack) {
        MediaException invalid = noVideoTrack(videoTrack);
        if (invalid != null) throw invalid;
        if (videoTrack == 0) return keyframes;
        KeyframeIndex index = laterTracks.apply(videoTrack);
        Duration wait = environment.segmentWait();
        try {
            index.firstBatch().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(MediaException.Kind.UNREADABLE, "Interrupted while reading keyframes of " + path, e);
        } catch (TimeoutException e) {
            throw new MediaException(MediaException.Kind.TIMEOUT, "The keyframes of video track " + videoTrack + " of "
                    + path + " took longer than " + wait.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            // a track the file turns out not to have is the request's fault, not the file's
            if (e.getCause() instanceof MediaException m && m.kind() == MediaException.Kind.BAD_REQUEST) throw m;
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read the keyframes of video track "
                    + videoTrack + " of " + path + ": " + e.getCause().getMessage(), e.getCause());
        }
        return index;
    }

    /** Where {@code rendition} is cut: a video track of upstream's table on its own keyframes, the rest on the first track's. */
    public KeyframeIndex cuts(Rendition rendition) {
        return rendition.audio() || !rendition.fragmented() ? keyframes : keyframes(rendition.track());
    }

    public CompletableFuture<Stored> segment(Rendition rendition, int n) {
        return segment(rendition, n, Demand.ANONYMOUS);
    }

    /**
     * Segment n of {@code rendition} for {@code who}'s player, at once when made; otherwise a head
     * makes it. (Where the player is, its caller tells {@code Players} first.) Cancelling the
     * future says the player is gone.
     */
    public CompletableFuture<Stored> segment(Rendition rendition, int n, Demand who) {
        Stream s;
        try {
            s = stream(rendition);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<Stream> audio = AudioAhead.jumping(environment.players(), path, streams, rendition, n, who);
        CompletableFuture<Stored> segment = s.segment(n, who);
        audio.ifPresent(a -> AudioAhead.ask(a, n, who, segment));
        return segment;
    }

    /** The rendition's {@code init.mp4}: see {@link Stream#init()}. */
    public CompletableFuture<Stored> init(Rendition rendition) {
        try {
            return stream(rendition).init();
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The rendition's stream, made on first use; BAD_REQUEST for a track the file does not have. */
    Stream stream(Rendition r) {
        MediaException invalid = invalid(r);
        if (invalid != null) throw invalid;
        KeyframeIndex cuts = cuts(r);
        Stream current = streams.get(r.label());
        if (current != null && current.cuts() == cuts) return current;
        synchronized (streams) {
            current = streams.get(r.label());
            if (current != null && current.cuts() != cuts) {
                // The track's scan failed and the next request started another, whose index the
                // playlists read: a stream still cutting on the failed one would cut elsewhere. Its
                // heads end, and what it made goes with it, before the new stream exists (one
                // replacement at a time: a second one must not delete the new stream's segments).
                current.destroyAndDelete(STALE_STREAM_WAIT);
                streams.remove(r.label(), current);
            }
            return streams.computeIfAbsent(r.label(), l -> new Stream(setup(r, cuts)));
        }
    }

    private StreamSetup setup(Rendition r, KeyframeIndex cuts) {
        StreamEnvironment env = environment;
        boolean onDevice = env.pipelines().hardware().encodesOnDevice();
        return new StreamSetup(path, info.sha(), r, cuts, () -> env.pipelines().of(path, r),
                // audio is cheap next to video: prefetching it would only slow the video heads down
                !r.audio(),
                env.encoding().presets(r.encodesVideo(), !r.audio() && r.original(), r.fragmented()),
                env.scheduler().slotsFor(r.encodesVideo(), onDevice), env.segments(), env.scheduler(), env.players(),
                env.segmentWait());
    }

    private MediaException invalid(Rendition r) {
        if (r.encodesVideo() && !environment.encoding().encodesVideo()) {
            return new MediaException(MediaException.Kind.BAD_REQUEST, "Video transcoding is turned off on this server:"
                    + " only the original video of " + path + " is served, where it can be copied");
        }
        if (r.audio()) {
            if (r.track() >= 0 && r.track() < info.audios().size()) return null;
            return new MediaException(MediaException.Kind.BAD_REQUEST, "No audio track " + r.track() + " in " + path);
        }
        if (!r.fragmented() && info.video() == null) return new MediaException(MediaException.Kind.BAD_REQUEST, "No video in " + path);
        return noVideoTrack(r.track());
    }

    private MediaException noVideoTrack(int track) {
        if (track >= 0 && track < info.videos().size()) return null;
        return new MediaException(MediaException.Kind.BAD_REQUEST, "No video track " + track + " in " + path);
    }

    /** The heads running now, every stream of the file. */
    public List<RunningHead> runningHeads() {
        List<RunningHead> out = new ArrayList<>();
        streams.forEach((label, s) -> {
            Rendition r = s.setup().rendition();
            for (EncoderHead h : s.heads()) {
                if (!h.cancelled()) out.add(new RunningHead(path.toString(), label, h.id(), h.position(), h.end(), r.audio() ? null : r.track()));
            }
        });
        return out;
    }

    /** Stops the heads of the stream called {@code label}. */
    public void kill(String label) {
        Stream s = streams.get(label);
        if (s != null) s.kill();
    }

    /** Stops the heads of the stream called {@code label} more than 20 segments from every segment in {@code watched}. */
    public void killFar(String label, int[] watched) {
        Stream s = streams.get(label);
        if (s != null) s.killFarFrom(watched, ORPHAN_DISTANCE);
    }

    /** Whether the stream called {@code label} is of upstream's table (its fragments share an init). */
    boolean fragmented(String label) {
        Stream s = streams.get(label);
        return s != null && s.setup().rendition().fragmented();
    }

    /** Stops every head of the file. */
    public void kill() {
        streams.values().forEach(Stream::kill);
    }

    /** Waits (bounded) until every stopped head's thread has ended; false when some have not. */
    public boolean awaitHeads(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Stream s : streams.values()) {
            if (!s.awaitHeads(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) return false;
        }
        return true;
    }

    /** Stops every head, waits for them, and deletes the file's segments. */
    public void destroy() {
        streams.values().forEach(s -> s.destroy(Duration.ofSeconds(10)));
        try {
            environment.segments().deleteAll(StoreKeys.file(info.sha()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
