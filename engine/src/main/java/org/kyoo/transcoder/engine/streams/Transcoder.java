package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.StreamControl;
import org.kyoo.transcoder.engine.scheduling.StreamId;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Store;

/**
 * Every file being streamed, by path; the one entry point the server uses for HLS. It also carries
 * out what players leaving something behind ask of the streams ({@link StreamControl}).
 */
public final class Transcoder implements StreamControl, AutoCloseable {
    private final MediaInfoStore infos;
    private final KeyframeStore keyframes;
    private final Scheduler scheduler;
    private final Players players;
    private final StreamEnvironment environment;
    /** A future per path so concurrent first requests share one creation without blocking the map. */
    private final ConcurrentMap<Path, CompletableFuture<FileStream>> files = new ConcurrentHashMap<>();

    /** Segments in a folder at the settings' cache root, emptied first: they may belong to files changed since. */
    public Transcoder(EngineSettings settings, MediaInfoStore infos, KeyframeStore keyframes) {
        this(settings, infos, keyframes, SchedulerSettings.defaults());
    }

    /** @param scheduling how heads are planned, bounded and throttled across every file */
    public Transcoder(EngineSettings settings, MediaInfoStore infos, KeyframeStore keyframes, SchedulerSettings scheduling) {
        this(settings, infos, keyframes, scheduling, emptied(new LocalStore(settings.cacheRoot())), Ticker.SYSTEM);
    }

    /**
     * @param segments where finished segments and inits are kept
     * @param clock    what players' silences are measured on (tests move it ahead)
     */
    public Transcoder(EngineSettings settings, MediaInfoStore infos, KeyframeStore keyframes, SchedulerSettings scheduling,
                      Store segments, Ticker clock) {
        this.scheduler = new Scheduler(scheduling, Ticker.SYSTEM);
        this.players = new Players(this, clock, scheduling);
        this.infos = infos;
        this.keyframes = keyframes;
        EncodingPolicy encoding = new EncodingPolicy(settings.preset(), settings.startupPreset(), settings.loadPreset(),
                settings.hardware());
        if (!settings.encodesVideo()) encoding = encoding.withoutVideoEncodes();
        this.environment = new StreamEnvironment(segments, scheduler, players, encoding,
                new PipelineFactory(settings.hardware(), encoding, VideoPipeline.FrameObserver.NONE, settings.toneMapping()),
                StreamEnvironment.SEGMENT_WAIT);
    }

    /** The segment cache of {@code settings}: a folder, emptied (its segments may belong to files changed since). */
    public static Store emptied(LocalStore store) {
        try {
            store.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the cache root " + store.describe(), e);
        }
        return store;
    }

    /** Whether video may be encoded (false: only copies of the source's video are made). */
    public boolean encodesVideo() {
        return environment.encoding().encodesVideo();
    }

    /** Where each player is: the server feeds it what playlists say, segment requests feed themselves. */
    public Players players() {
        return players;
    }

    /**
     * The file's streams, created on first use; blocks until its media info and first keyframes are
     * known. Throws {@link MediaException} for unusable files.
     */
    public FileStream fileStream(Path path, String sha) {
        while (true) {
            CompletableFuture<FileStream> mine = new CompletableFuture<>();
            CompletableFuture<FileStream> existing = files.putIfAbsent(path, mine);
            if (existing == null) {
                try {
                    mine.complete(create(path, sha));
                } catch (RuntimeException e) {
                    // a failure is not cached: the next request tries again
                    files.remove(path, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                return mine.join();
            }
            FileStream stream = await(existing);
            // null: the file's cache was being deleted (see destroy); it is gone now, start afresh
            if (stream == null) continue;
            if (stream.info().sha().equals(sha)) return stream;
            // the file changed since: its old segments are of another version
            if (files.remove(path, existing)) stream.destroy();
        }
    }

    private FileStream create(Path path, String sha) {
        MediaInfo info = infos.get(path, sha);
        KeyframeIndex index = keyframes.get(path, sha, info);
        try {
            index.firstBatch().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(MediaException.Kind.UNREADABLE, "Interrupted while reading keyframes of " + path, e);
        } catch (ExecutionException e) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read keyframes of " + path + ": " + e.getCause().getMessage(), e.getCause());
        }
        // the other video tracks are indexed only when a player asks for one of them
        return new FileStream(path, info, index, track -> keyframes.get(path, sha, info, track), environment);
    }

    private static FileStream await(CompletableFuture<FileStream> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Every live head with its state (queued, running, paused), priority and speed: facts for metrics. */
    public List<HeadState> heads() {
        return scheduler.snapshot();
    }

    /** The file's streams when they exist already. */
    public Optional<FileStream> existing(Path path) {
        return Optional.ofNullable(ready(files.get(path)));
    }

    /** The files this instance streams now (behind a proxy: the files routed to it), for {@code /streams} and metrics. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        files.forEach((path, f) -> {
            if (ready(f) != null) out.add(path);
        });
        return out;
    }

    /** The heads running now, in every file (for {@code /streams}). */
    public List<RunningHead> runningHeads() {
        List<RunningHead> out = new ArrayList<>();
        for (CompletableFuture<FileStream> f : files.values()) {
            FileStream stream = ready(f);
            if (stream != null) out.addAll(stream.runningHeads());
        }
        return out;
    }

    /** Stops the file's heads and deletes its cached segments. */
    public void destroy(Path path) {
        CompletableFuture<FileStream> f = files.get(path);
        FileStream stream = ready(f);
        if (stream == null) return;
        // while the folder is deleted, a player coming back waits here rather than making a new
        // stream whose fresh segments the deletion would then remove behind its back
        CompletableFuture<FileStream> deleting = new CompletableFuture<>();
        if (!files.replace(path, f, deleting)) return;
        try {
            stream.destroy();
            // no new stream of the file exists while it is deleted: its players' windows go with it
            players.forgetFile(path);
        } finally {
            files.remove(path, deleting);
            deleting.complete(null);
        }
    }

    // --- what players leaving something behind ask (StreamControl) ---

    @Override
    public void killVideo(Path file, StreamId video) {
        existing(file).ifPresent(stream -> stream.kill(video.label()));
    }

    @Override
    public void killAudio(Path file, int audio) {
        existing(file).ifPresent(stream -> stream.kill(Rendition.tsAudio(audio).label()));
    }

    @Override
    public void killOrphanedHeads(Path file, StreamId video, int audio, int[] watched) {
        existing(file).ifPresent(stream -> {
            if (video != null) stream.killFar(video.label(), watched);
            // upstream's table follows audio by the file only
            if (audio >= 0 && (video == null || !stream.fragmented(video.label()))) {
                stream.killFar(Rendition.tsAudio(audio).label(), watched);
            }
        });
    }

    @Override
    public void killFile(Path file) {
        existing(file).ifPresent(FileStream::kill);
    }

    @Override
    public void destroyFile(Path file) {
        destroy(file);
    }

    /** The stream a settled entry holds; null while it is made, when making it failed, or while deleted. */
    private static FileStream ready(CompletableFuture<FileStream> f) {
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) return null;
        return f.join();
    }

    /**
     * Stops every head and waits (bounded) for them to end, so each has freed its native memory
     * before the caller frees what heads borrow (the hardware device and its get_format callback).
     */
    @Override
    public void close() {
        for (CompletableFuture<FileStream> f : files.values()) {
            FileStream stream = ready(f);
            if (stream != null) stream.destroy();
        }
        scheduler.close();
    }
}
