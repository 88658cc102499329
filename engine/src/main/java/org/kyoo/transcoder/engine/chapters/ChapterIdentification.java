package org.kyoo.transcoder.engine.chapters;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.fingerprints.FileFingerprints;
import org.kyoo.transcoder.engine.fingerprints.FingerprintStore;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * Finds an episode's intro and credits by comparing its audio with its neighbours', as upstream
 * Kyoo's {@code /prepare?prev=&next=} asks: one identification at a time on its own thread (each
 * decodes minutes of audio), the result kept in the metadata store with the neighbours it was
 * found with, so asking again with the same neighbours finds it there and other neighbours
 * identify again. {@code /info} reads it merged into the file's own chapters.
 */
public final class ChapterIdentification implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChapterIdentification.class.getName());
    /** Identifications waiting beyond the running one; more are refused (a hint, asked again later). */
    private static final int QUEUED = 64;

    private final MediaInfoStore infos;
    private final FingerprintStore prints;
    private final Store metadata;
    private final ExecutorService worker;
    /** episode sha and neighbours' → the identification queued or running for them. */
    private final ConcurrentHashMap<String, CompletableFuture<IdentifiedChapters>> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RunningIdentification> running = new ConcurrentHashMap<>();
    /**
     * What the store said of a file version lately, found or not: every playlist and {@code /info}
     * asks, and most files have nothing (with a bucket, each look would be a request to it). Kept
     * {@link #REMEMBERED_NANOS}, so what another instance finds is seen soon after.
     */
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private static final long REMEMBERED_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int REMEMBERED_AT_MOST = 10_000;

    private record Remembered(Optional<IdentifiedChapters> chapters, long at) { }

    public ChapterIdentification(MediaInfoStore infos, Store metadata) {
        this.infos = infos;
        this.prints = new FingerprintStore(metadata);
        this.metadata = metadata;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUED), task -> {
            Thread thread = new Thread(task, "chapters");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Identifies {@code episode}'s intro and credits against {@code previous} and {@code next}
     * (either may be null) in the background; completes with what was found, at once when it was
     * found with the same neighbours before; a run for the same neighbours under way is shared.
     * Throws {@link RejectedExecutionException} when too many wait already.
     */
    public CompletableFuture<IdentifiedChapters> identify(Episode episode, Episode previous, Episode next) {
        String previousSha = previous == null ? null : previous.sha();
        String nextSha = next == null ? null : next.sha();
        Optional<IdentifiedChapters> saved = load(episode.sha());
        if (saved.isPresent() && saved.get().answers(previousSha, nextSha)) {
            LOG.log(Level.DEBUG, () -> "Chapters of " + episode.path() + " already identified with these neighbours");
            return CompletableFuture.completedFuture(saved.get());
        }
        String key = episode.sha() + " " + previousSha + " " + nextSha;
        CompletableFuture<IdentifiedChapters> mine = new CompletableFuture<>();
        CompletableFuture<IdentifiedChapters> queued = pending.putIfAbsent(key, mine);
        if (queued != null) return queued;
        try {
            worker.execute(() -> {
                try {
                    mine.complete(run(key, episode, previous, next));
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                } finally {
                    pending.remove(key, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(key, mine);
            throw e;
        }
        return mine;
    }

    /** {@code info} with the intros and credits found for it merged into its own chapters. */
    public MediaInfo withIdentified(MediaInfo info) {
        Optional<IdentifiedChapters> saved = load(info.sha());
        if (saved.isEmpty() || saved.get().found().isEmpty()) return info;
        return info.withChapters(ChapterMerge.merge(info.chapters(), saved.get().found(), info.duration()));
    }

    /** The identifications under way now. */
    public List<RunningIdentification> running() {
        return List.copyOf(running.values());
    }

    private IdentifiedChapters run(String key, Episode episode, Episode previous, Episode next) {
        long start = System.nanoTime();
        running.put(key, new RunningIdentification(episode.path().toString(), pathOf(previous), pathOf(next), Instant.now().toString()));
        LOG.log(Level.INFO, "Identifying the intro and credits of " + episode.path() + " (previous: " + pathOf(previous)
                + ", next: " + pathOf(next) + ")");
        String outcome = "failed";
        try {
            Optional<IdentifiedChapters> saved = load(episode.sha());
            String previousSha = previous == null ? null : previous.sha();
            String nextSha = next == null ? null : next.sha();
            // a run for the same neighbours queued behind this one's twin finds its result saved
            if (saved.isPresent() && saved.get().answers(previousSha, nextSha)) {
                outcome = saved.get().found().isEmpty() ? "none" : "found";
                return saved.get();
            }
            IdentifiedChapters found = IdentifiedChapters.of(previousSha, nextSha, compare(episode, previous, next));
            save(episode.sha(), found);
            outcome = found.found().isEmpty() ? "none" : "found";
            LOG.log(Level.INFO, String.format("Identified %s in %.1f s: %s", episode.path(), (System.nanoTime() - start) / 1e9,
                    found.found().isEmpty() ? "no intro nor credits" : describe(found.found())));
            return found;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not identify the chapters of " + episode.path() + ": " + e.getMessage(), e);
            throw e;
        } finally {
            running.remove(key);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String result = outcome;
            EngineEvents.emit(l -> l.chaptersIdentified(took, result));
        }
    }

    private List<Chapter> compare(Episode episode, Episode previous, Episode next) {
        MediaInfo info = infos.get(episode.path(), episode.sha());
        Optional<FileFingerprints> own = prints.get(episode.path(), episode.sha(), info);
        List<Chapter> found = new ArrayList<>();
        if (own.isEmpty()) return found;
        for (Episode neighbour : new Episode[] {previous, next}) {
            if (neighbour == null || neighbour.sha().equals(episode.sha())) continue;
            try {
                MediaInfo other = infos.get(neighbour.path(), neighbour.sha());
                Optional<FileFingerprints> theirs = prints.get(neighbour.path(), neighbour.sha(), other);
                theirs.ifPresent(t -> found.addAll(NeighbourComparison.found(own.get(), t, neighbour == next)));
            } catch (RuntimeException e) {
                // one unreadable neighbour leaves the other to compare with, as upstream does
                LOG.log(Level.WARNING, "Could not compare " + episode.path() + " with " + neighbour.path() + ": " + e.getMessage());
            }
        }
        return found;
    }

    private static String describe(List<Chapter> found) {
        StringBuilder text = new StringBuilder();
        for (Chapter c : found) {
            if (!text.isEmpty()) text.append(", ");
            text.append(String.format("%s %.1f-%.1f s (accuracy %d)", c.type(), c.startTime(), c.endTime(), c.matchAccuracy()));
        }
        return text.toString();
    }

    private static String pathOf(Episode episode) {
        return episode == null ? null : episode.path().toString();
    }

    private Optional<IdentifiedChapters> load(String sha) {
        Remembered known = remembered.get(sha);
        if (known != null && System.nanoTime() - known.at() < REMEMBERED_NANOS) return known.chapters();
        Optional<IdentifiedChapters> read = read(sha);
        remember(sha, read);
        return read;
    }

    private void remember(String sha, Optional<IdentifiedChapters> chapters) {
        if (remembered.size() >= REMEMBERED_AT_MOST) remembered.clear();
        remembered.put(sha, new Remembered(chapters, System.nanoTime()));
    }

    private Optional<IdentifiedChapters> read(String sha) {
        String key = StoreKeys.identifiedChapters(sha);
        try {
            Optional<byte[]> json = metadata.readBytes(key);
            return json.isEmpty() ? Optional.empty() : Optional.of(IdentifiedChapters.read(json.get()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + key + " in " + metadata.describe() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void save(String sha, IdentifiedChapters found) {
        try {
            metadata.write(StoreKeys.identifiedChapters(sha), found.json());
            remember(sha, Optional.of(found));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot save " + StoreKeys.identifiedChapters(sha) + " in " + metadata.describe(), e);
        }
    }

    /**
     * Stops the identification under way between two packets (its thread is interrupted) and drops
     * the queued ones, whose callers hear it; waits a little for the running one to end, so nothing
     * writes into the store once it is closed.
     */
    @Override
    public void close() {
        worker.shutdownNow();
        IllegalStateException closing = new IllegalStateException("The server is stopping: chapters are not identified");
        pending.values().forEach(f -> f.completeExceptionally(closing));
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "A chapter identification did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
