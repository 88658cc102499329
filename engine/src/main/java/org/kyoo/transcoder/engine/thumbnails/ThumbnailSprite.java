package org.kyoo.transcoder.engine.thumbnails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * The seek-bar sprite of a file and its WebVTT map, made in-process once per file version into the
 * metadata store.
 *
 * <p>For the server: {@code /:path/info} calls {@link #sprite} and does not wait (the work starts
 * in the background); {@code /:path/thumbnails.png} and {@code /:path/thumbnails.vtt} wait on it,
 * then serve the picture ({@code image/png}) or the map ({@code text/vtt}, its cues pointing at the
 * server's route instead of {@link #PNG}). The future fails with a {@link MediaException}: kind
 * {@code NO_VIDEO} for a file without video (answer 404), {@code NOT_MEDIA} for one libav cannot
 * open; other errors are unexpected.
 *
 * <p>Objects: {@link StoreKeys#sprite} and {@link StoreKeys#spriteMap}, geometry per
 * {@link SpriteLayout}; the map's cues point at the picture beside it, {@code sprite.png#xywh=...}.
 * The map is saved first, so a version with its picture has its map too, and both are reused after
 * a restart.
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
    /** The picture's name beside its map ({@link StoreKeys#sprite}): what the map's cues point at. */
    public static final String PNG = "sprite.png";
    /** The map's name beside its picture ({@link StoreKeys#spriteMap}). */
    public static final String VTT = "sprite.vtt";
    /** Below this many captures a second demuxer costs more to open than it saves. */
    private static final int MIN_CAPTURES_PER_WORKER = 4;

    private final Store metadata;
    private final int workers;
    private final ToneMapping toneMapping;
    private final ConcurrentHashMap<String, CompletableFuture<Sprite>> runs = new ConcurrentHashMap<>();
    private final AtomicInteger runsStarted = new AtomicInteger();

    /** A file version's sprite as the store keeps it: the picture and its map. */
    public record Sprite(Stored png, Stored vtt) {}

    /** Decodes with two threads: the machines this serves have two cores or more. */
    public ThumbnailSprite(Store metadata) {
        this(metadata, 2);
    }

    public ThumbnailSprite(Store metadata, int workers) {
        this(metadata, workers, ToneMapping.DEFAULT);
    }

    /** @param toneMapping the curve an HDR file's tiles are tone-mapped with, as its transcodes are */
    public ThumbnailSprite(Store metadata, int workers, ToneMapping toneMapping) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1");
        this.metadata = metadata;
        this.workers = workers;
        this.toneMapping = toneMapping;
    }

    /**
     * Starts making the sprite of {@code file} unless it is done or under way, and returns a future
     * of it. Never blocks. Cancelling the returned future does not stop the run other callers share.
     *
     * @param sha the file version's cache key ({@code FileIdentity.sha})
     */
    public CompletableFuture<Sprite> sprite(Path file, String sha) {
        Objects.requireNonNull(file, "file");
        CompletableFuture<Sprite> known = runs.get(sha);
        if (known != null) return known.copy();
        if (isComplete(sha)) {
            try {
                CompletableFuture<Sprite> done = CompletableFuture.completedFuture(saved(sha));
                runs.putIfAbsent(sha, done);
                return done.copy();
            } catch (IOException e) {
                // gone or unreadable since: made again below
            }
        }
        CompletableFuture<Sprite> created = new CompletableFuture<>();
        CompletableFuture<Sprite> existing = runs.putIfAbsent(sha, created);
        if (existing != null) return existing.copy();
        start(file, sha, created);
        return created.copy();
    }

    /** How many sprites were started since construction (for tests of run sharing). */
    int runsStarted() {
        return runsStarted.get();
    }

    private void start(Path file, String sha, CompletableFuture<Sprite> result) {
        runsStarted.incrementAndGet();
        Thread worker = new Thread(() -> {
            try {
                // A run that lost the race with one just finished finds its objects and stops here.
                if (!isComplete(sha)) make(file, sha);
                result.complete(saved(sha));
            } catch (Throwable e) {
                // Forget the failure first, so a caller woken by it can retry at once.
                runs.remove(sha, result);
                result.completeExceptionally(e);
            }
        }, "thumbnails " + file.getFileName());
        worker.setDaemon(true);
        worker.start();
    }

    private void make(Path file, String sha) {
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
            save(StoreKeys.spriteMap(sha), layout.vtt(PNG).getBytes(StandardCharsets.UTF_8));
            save(StoreKeys.sprite(sha), png);
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

    private void capture(FrameGrabber grabber, SpriteLayout layout, SpriteCanvas canvas, int from, int to) {
        try (TileScaler scaler = new TileScaler(layout.tileWidth(), layout.tileHeight());
             SdrPictures sdr = new SdrPictures(grabber, toneMapping, layout.tileWidth(), layout.tileHeight())) {
            for (int i = from; i < to; i++) {
                AVFrame picture = grabber.grab(layout.time(i));
                if (picture != null) picture = sdr.of(picture);
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

    private boolean isComplete(String sha) {
        return metadata.exists(StoreKeys.sprite(sha)) && metadata.exists(StoreKeys.spriteMap(sha));
    }

    private Sprite saved(String sha) throws IOException {
        return new Sprite(read(StoreKeys.sprite(sha)), read(StoreKeys.spriteMap(sha)));
    }

    private Stored read(String key) throws IOException {
        return metadata.read(key).orElseThrow(() -> new NoSuchFileException(key, null, "not in " + metadata.describe()));
    }

    private void save(String key, byte[] bytes) {
        try {
            metadata.write(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + key + " in " + metadata.describe(), e);
        }
    }
}
