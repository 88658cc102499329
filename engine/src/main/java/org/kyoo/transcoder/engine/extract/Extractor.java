package org.kyoo.transcoder.engine.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * Subtitles and attachments (fonts) of a file, extracted in-process once per file version into the
 * metadata store.
 *
 * <p>For the server:
 * <ul>
 *   <li>{@code /:path/info} calls {@link #extract} and does not wait: the work starts in the background.
 *   <li>{@code /:path/subtitle/:name} and {@code /:path/attachment/:name} wait on {@link #extract},
 *       then serve {@link #subtitle}/{@link #attachment} (a name that is not a plain file name throws
 *       a {@link MediaException} of kind {@code BAD_REQUEST}), or answer 404 when there is none (a
 *       track without a known extension, a name the file never had).
 * </ul>
 *
 * <p>Keys: {@link StoreKeys#subtitle} {@code {index}.{ext}} for every subtitle of
 * {@link MediaInfo#subtitles()} with an extension ({@code index} counts subtitle tracks only), and
 * {@link StoreKeys#attachment} for every attachment stream, named after its {@code filename} tag
 * reduced to a plain name. Files without subtitles are skipped (fonts are only useful to
 * subtitles), as in the original.
 *
 * <p>One run per sha: concurrent callers share it, a finished one is remembered in memory and by a
 * marker ({@link StoreKeys#extracted}, so a restart does not read every file again), a failed one is
 * forgotten so the next call retries. A failure completes the future with a {@link MediaException}
 * when the file cannot be opened, else with the libav or I/O error.
 */
public final class Extractor {
    private final Store metadata;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    private final AtomicInteger runsStarted = new AtomicInteger();

    public Extractor(Store metadata) {
        this.metadata = metadata;
    }

    /**
     * Starts the extraction of {@code file} unless it is running or done, and returns a future that
     * completes when the files are in the store. Never blocks. Cancelling the returned future does
     * not stop the run other callers share.
     *
     * @param sha  the file version's cache key ({@code FileIdentity.sha})
     * @param info the file's media info: which subtitle tracks to copy and under which extension
     */
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(info, "info");
        CompletableFuture<Void> known = runs.get(sha);
        if (known != null) return known.copy();
        if (info.subtitles() == null || info.subtitles().isEmpty() || metadata.exists(StoreKeys.extracted(sha))) {
            runs.putIfAbsent(sha, CompletableFuture.completedFuture(null));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> created = new CompletableFuture<>();
        CompletableFuture<Void> existing = runs.putIfAbsent(sha, created);
        if (existing != null) return existing.copy();
        start(file, sha, info, created);
        return created.copy();
    }

    /** Subtitle {@code name} ("0.srt") of this file version, empty when there is none; BAD_REQUEST for a name with a path in it. */
    public Optional<Stored> subtitle(String sha, String name) throws IOException {
        return metadata.read(subtitleKey(sha, name));
    }

    /** Attachment {@code name} of this file version, empty when there is none; BAD_REQUEST for a name with a path in it. */
    public Optional<Stored> attachment(String sha, String name) throws IOException {
        return metadata.read(attachmentKey(sha, name));
    }

    static String subtitleKey(String sha, String name) {
        return StoreKeys.subtitle(sha, requirePlain(name));
    }

    static String attachmentKey(String sha, String name) {
        return StoreKeys.attachment(sha, requirePlain(name));
    }

    /** How many extractions were started since construction (for tests of run sharing). */
    int runsStarted() {
        return runsStarted.get();
    }

    private void start(Path file, String sha, MediaInfo info, CompletableFuture<Void> result) {
        runsStarted.incrementAndGet();
        Thread worker = new Thread(() -> {
            try {
                new ExtractionRun(file, info, metadata, sha).run();
                metadata.write(StoreKeys.extracted(sha), new byte[0]);
                result.complete(null);
            } catch (Throwable e) {
                // Forget the failure first, so a caller woken by it can retry at once.
                runs.remove(sha, result);
                result.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
            }
        }, "extract " + file.getFileName());
        worker.setDaemon(true);
        worker.start();
    }

    private static String requirePlain(String name) {
        if (!SafeFileName.isPlain(name)) {
            throw new MediaException(MediaException.Kind.BAD_REQUEST,
                    "Invalid file name " + name + ": it may not hold path separators or ..");
        }
        return name;
    }
}
