package org.kyoo.transcoder.engine.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * Subtitles and attachments (fonts) of a file, extracted in-process once per file version.
 *
 * <p>For the server:
 * <ul>
 *   <li>{@code /:path/info} calls {@link #extract} and does not wait: the work starts in the background.
 *   <li>{@code /:path/subtitle/:name} and {@code /:path/attachment/:name} call
 *       {@link #subtitleFile}/{@link #attachmentFile} (a name that is not a plain file name throws a
 *       {@link MediaException} of kind {@code BAD_REQUEST}), then wait on {@link #extract}, then serve
 *       the file, or answer 404 when it does not exist (a track without a known extension, a name
 *       the file never had).
 * </ul>
 *
 * <p>Layout: {@code {metadataRoot}/{sha}/sub/{index}.{ext}} for every subtitle of
 * {@link MediaInfo#subtitles()} with an extension ({@code index} counts subtitle tracks only), and
 * {@code {metadataRoot}/{sha}/att/{filename}} for every attachment stream, named after its
 * {@code filename} tag reduced to a plain name. Files without subtitles are skipped (fonts are only
 * useful to subtitles), as in the original.
 *
 * <p>One run per sha: concurrent callers share it, a finished one is remembered in memory and by a
 * marker file (so a restart does not read every file again), a failed one is forgotten so the next
 * call retries. A failure completes the future with a {@link MediaException} when the file cannot be
 * opened, else with the libav or I/O error.
 */
public final class Extractor {
    private static final String DONE_MARKER = "extracted";

    private final Path metadataRoot;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> runs = new ConcurrentHashMap<>();
    private final AtomicInteger runsStarted = new AtomicInteger();

    public Extractor(EngineSettings settings) {
        this.metadataRoot = settings.metadataRoot();
    }

    /**
     * Starts the extraction of {@code file} unless it is running or done, and returns a future that
     * completes when the files are in place. Never blocks. Cancelling the returned future does not
     * stop the run other callers share.
     *
     * @param sha  the file version's cache key ({@code FileIdentity.sha})
     * @param info the file's media info: which subtitle tracks to copy and under which extension
     */
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(info, "info");
        CompletableFuture<Void> known = runs.get(sha);
        if (known != null) return known.copy();
        if (info.subtitles() == null || info.subtitles().isEmpty() || Files.exists(doneMarker(sha))) {
            runs.putIfAbsent(sha, CompletableFuture.completedFuture(null));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> created = new CompletableFuture<>();
        CompletableFuture<Void> existing = runs.putIfAbsent(sha, created);
        if (existing != null) return existing.copy();
        start(file, sha, info, created);
        return created.copy();
    }

    /** Where subtitle {@code name} ("0.srt") of this file version is; BAD_REQUEST for a name with a path in it. */
    public Path subtitleFile(String sha, String name) {
        return folder(sha).resolve("sub").resolve(requirePlain(name));
    }

    /** Where attachment {@code name} of this file version is; BAD_REQUEST for a name with a path in it. */
    public Path attachmentFile(String sha, String name) {
        return folder(sha).resolve("att").resolve(requirePlain(name));
    }

    /** How many extractions were started since construction (for tests of run sharing). */
    int runsStarted() {
        return runsStarted.get();
    }

    private void start(Path file, String sha, MediaInfo info, CompletableFuture<Void> result) {
        runsStarted.incrementAndGet();
        Thread worker = new Thread(() -> {
            try {
                Path folder = folder(sha);
                new ExtractionRun(file, info, folder.resolve("sub"), folder.resolve("att")).run();
                Files.write(doneMarker(sha), new byte[0]);
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

    private Path folder(String sha) {
        if (!SafeFileName.isPlain(sha)) throw new IllegalArgumentException("Not a sha: " + sha);
        return metadataRoot.resolve(sha);
    }

    private Path doneMarker(String sha) {
        return folder(sha).resolve(DONE_MARKER);
    }

    private static String requirePlain(String name) {
        if (!SafeFileName.isPlain(name)) {
            throw new MediaException(MediaException.Kind.BAD_REQUEST,
                    "Invalid file name " + name + ": it may not hold path separators or ..");
        }
        return name;
    }
}
