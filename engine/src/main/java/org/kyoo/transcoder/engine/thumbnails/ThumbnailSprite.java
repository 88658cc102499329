package org.kyoo.transcoder.engine.thumbnails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.extract.SafeFileName;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * The seek-bar sprite of a file and its WebVTT map, made in-process once per file version.
 *
 * <p>For the server: {@code /:path/info} calls {@link #sprite} and does not wait (the work starts
 * in the background); {@code /:path/thumbnails.png} and {@code /:path/thumbnails.vtt} wait on it,
 * then serve {@link #PNG} ({@code image/png}) or {@link #VTT} ({@code text/vtt}) from the folder it
 * yields. The future fails with a {@link MediaException}: kind {@code NO_VIDEO} for a file without
 * video (answer 404), {@code NOT_MEDIA} for one libav cannot open; other errors are unexpected.
 *
 * <p>Files: {@code {metadataRoot}/{sha}/sprite.png} and {@code sprite.vtt}, geometry per
 * {@link SpriteLayout}; VTT cues point at {@code {routePrefix}/{base64(path)}/thumbnails.png#xywh=...}.
 * Both are written under temporary names and moved into place, VTT first, so a sprite on disk is
 * always complete and is reused after a restart.
 *
 * <p>Speed: the captures are split in contiguous halves decoded by two threads, each with its own
 * demuxer and single-threaded decoder, seeking to the keyframe at or before each capture time and
 * decoding that one picture (see {@link FrameGrabber}).
 *
 * <p>One run per sha: concurrent callers share it; a success is remembered, a failure forgotten so
 * the next call retries.
 */
public final class ThumbnailSprite {
    private static final System.Logger LOG = System.getLogger(ThumbnailSprite.class.getName());
    public static final String PNG = "sprite.png";
    public static final String VTT = "sprite.vtt";
    private static final String PARTIAL = ".part";
    /** Below this many captures a second demuxer costs more to open than it saves. */
    private static final int MIN_CAPTURES_PER_WORKER = 4;

    private final Path metadataRoot;
    private final String routePrefix;
    private final int workers;
    private final ConcurrentHashMap<String, CompletableFuture<Path>> runs = new ConcurrentHashMap<>();
    private final AtomicInteger runsStarted = new AtomicInteger();

    /** Decodes with two threads: the machines this serves have two cores or more. */
    public ThumbnailSprite(EngineSettings settings) {
        this(settings, 2);
    }

    public ThumbnailSprite(EngineSettings settings, int workers) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1");
        this.metadataRoot = settings.metadataRoot();
        this.routePrefix = settings.routePrefix() == null ? "" : settings.routePrefix();
        this.workers = workers;
    }

    /**
     * Starts making the sprite of {@code file} unless it is done or under way, and returns a future
     * of the folder holding {@link #PNG} and {@link #VTT}. Never blocks. Cancelling the returned
     * future does not stop the run other callers share.
     *
     * @param file the absolute path, as the routes decode it (it is base64-encoded into the VTT)
     * @param sha  the file version's cache key ({@code FileIdentity.sha})
     */
    public CompletableFuture<Path> sprite(Path file, String sha) {
        Objects.requireNonNull(file, "file");
        Path folder = folder(sha);
        CompletableFuture<Path> known = runs.get(sha);
        if (known != null) return known.copy();
        if (isComplete(folder)) {
            runs.putIfAbsent(sha, CompletableFuture.completedFuture(folder));
            return CompletableFuture.completedFuture(folder);
        }
        CompletableFuture<Path> created = new CompletableFuture<>();
        CompletableFuture<Path> existing = runs.putIfAbsent(sha, created);
        if (existing != null) return existing.copy();
        start(file, sha, folder, created);
        return created.copy();
    }

    /** How many sprites were started since construction (for tests of run sharing). */
    int runsStarted() {
        return runsStarted.get();
    }

    private void start(Path file, String sha, Path folder, CompletableFuture<Path> result) {
        runsStarted.incrementAndGet();
        Thread worker = new Thread(() -> {
            try {
                // A run that lost the race with one just finished finds its files and stops here.
                if (!isComplete(folder)) make(file, folder);
                result.complete(folder);
            } catch (Throwable e) {
                // Forget the failure first, so a caller woken by it can retry at once.
                runs.remove(sha, result);
                result.completeExceptionally(e);
            }
        }, "thumbnails " + file.getFileName());
        worker.setDaemon(true);
        worker.start();
    }

    private void make(Path file, Path folder) throws IOException {
        try (FrameGrabber first = FrameGrabber.open(file)) {
            SpriteLayout layout = SpriteLayout.of(first.duration(), first.displayWidth(), first.height());
            byte[] png;
            long started = System.nanoTime();
            long painted;
            try (SpriteCanvas canvas = new SpriteCanvas(layout.spriteWidth(), layout.spriteHeight())) {
                paint(file, first, layout, canvas);
                painted = System.nanoTime();
                png = canvas.encodePng();
            }
            LOG.log(System.Logger.Level.INFO, "Sprite of {0}: {1} captures in {2,number,#} ms, PNG ({3,number,#} KiB) in {4,number,#} ms",
                    file, layout.count(), (painted - started) / 1_000_000, png.length / 1024,
                    (System.nanoTime() - painted) / 1_000_000);
            Files.createDirectories(folder);
            String vtt = layout.vtt(routePrefix, Base64.getEncoder().encodeToString(
                    file.toString().getBytes(StandardCharsets.UTF_8)));
            writeAtomically(folder.resolve(VTT), vtt.getBytes(StandardCharsets.UTF_8));
            writeAtomically(folder.resolve(PNG), png);
        }
    }

    /** Captures every tile: the first part on this thread with {@code first}, the others each on its own grabber. */
    private void paint(Path file, FrameGrabber first, SpriteLayout layout, SpriteCanvas canvas) {
        int parts = Math.max(1, Math.min(workers, layout.count() / MIN_CAPTURES_PER_WORKER));
        List<Thread> helpers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int part = 1; part < parts; part++) {
            int from = layout.count() * part / parts;
            int to = layout.count() * (part + 1) / parts;
            Thread helper = new Thread(() -> {
                try (FrameGrabber grabber = FrameGrabber.open(file)) {
                    capture(grabber, layout, canvas, from, to);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "thumbnails " + file.getFileName() + " part " + (part + 1) + "/" + parts);
            helper.start();
            helpers.add(helper);
        }
        try {
            capture(first, layout, canvas, 0, layout.count() / parts);
        } finally {
            // The canvas is freed after this returns: every helper must be done with it first.
            joinAll(helpers);
        }
        if (!failures.isEmpty()) {
            Throwable failure = failures.get(0);
            if (failure instanceof RuntimeException e) throw e;
            throw new IllegalStateException("Thumbnail capture failed", failure);
        }
    }

    private static void capture(FrameGrabber grabber, SpriteLayout layout, SpriteCanvas canvas, int from, int to) {
        try (TileScaler scaler = new TileScaler(layout.tileWidth(), layout.tileHeight())) {
            for (int i = from; i < to; i++) {
                AVFrame picture = grabber.grab(layout.time(i));
                AVFrame tile = picture == null ? null : scaler.scale(picture);
                // A capture that cannot be decoded stays black rather than costing the whole sprite.
                if (tile != null) canvas.paste(tile, layout.x(i), layout.y(i));
            }
        }
    }

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static boolean isComplete(Path folder) {
        return Files.isRegularFile(folder.resolve(PNG)) && Files.isRegularFile(folder.resolve(VTT));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private Path folder(String sha) {
        if (!SafeFileName.isPlain(sha)) {
            throw new IllegalArgumentException("Not a sha: " + sha);
        }
        return metadataRoot.resolve(sha);
    }
}
