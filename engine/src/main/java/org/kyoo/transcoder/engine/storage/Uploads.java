package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies committed objects to the bucket in the background, so a head never waits on the network.
 * One file version's objects go up in the order they were committed (a marker such as
 * {@link StoreKeys#extracted} never lands before the subtitles it vouches for); different versions
 * go up side by side. A failed upload is tried again twice, then dropped (whoever needs the object
 * next makes it again): the local copy is still served. While the bucket is backed off after a
 * failure ({@link StoreHealth#reachable()}), an upload waits for the next try rather than fail at
 * once: a bucket that blinked gets everything. At most {@link #MAX_PENDING} wait; past
 * that new ones are dropped, so a bucket slower than the heads cannot fill memory.
 */
public final class Uploads implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Uploads.class.getName());
    static final int MAX_PENDING = 2000;
    /** Waits before the second and third attempts. */
    private static final long[] RETRY_MILLIS = {1000, 3000};

    private final Bucket bucket;
    private final StoreHealth health;
    private final ExecutorService threads;
    /** Per file version (the key's first part), the last upload queued: the next one follows it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    /** Per key, its upload not finished yet. */
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** @param threads uploads running at once (different file versions) */
    public Uploads(Bucket bucket, StoreHealth health, int threads) {
        this.bucket = bucket;
        this.health = health;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Bucket bucket() {
        return bucket;
    }

    public StoreHealth health() {
        return health;
    }

    /** Queues {@code file} (the local copy of {@code key}) for the bucket. */
    void submit(String key, Path file) {
        if (threads.isShutdown()) {
            health.droppedOne();
            return;
        }
        if (count.get() >= MAX_PENDING) {
            health.droppedOne();
            LOG.log(System.Logger.Level.WARNING, bucket.describe() + ": " + MAX_PENDING
                    + " uploads already wait, " + key + " stays local");
            return;
        }
        count.incrementAndGet();
        String version = key.substring(0, Math.max(0, key.indexOf('/')));
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = pending.put(key, done);
        CompletableFuture<Void> next = tails.compute(version, (v, tail) -> {
            CompletableFuture<Void> after = tail == null ? CompletableFuture.completedFuture(null) : tail;
            return after.handleAsync((r, e) -> {
                upload(key, file);
                return null;
            }, threads);
        });
        // attached outside compute: an upload over already would run this inside it, where removing
        // from the same map is a recursive update
        next.whenComplete((r, e) -> {
            count.decrementAndGet();
            pending.remove(key, done);
            tails.remove(version, next);
            done.complete(null);
            if (previous != null) previous.complete(null);
        });
    }

    private void upload(String key, Path file) {
        for (int attempt = 0; ; attempt++) {
            try {
                // the bucket failed a moment ago: try again once it is due (reads skip it meanwhile)
                health.awaitReachable();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                health.droppedOne();
                return;
            }
            try {
                long start = System.nanoTime();
                long size = Files.size(file);
                bucket.put(key, file);
                health.uploaded(size, System.nanoTime() - start);
                health.worked();
                return;
            } catch (NoSuchFileException e) {
                // deleted locally before its turn (a stale stream's): nothing to keep
                return;
            } catch (IOException | RuntimeException e) {
                health.uploadFailed();
                health.failed("upload of", key, e instanceof IOException ? e : new IOException(e.toString(), e));
                if (attempt >= RETRY_MILLIS.length) {
                    health.droppedOne();
                    return;
                }
                try {
                    Thread.sleep(RETRY_MILLIS[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    health.droppedOne();
                    return;
                }
            }
        }
    }

    /** Uploads queued and not finished. */
    public int pending() {
        return count.get();
    }

    /** Waits until every upload queued so far has ended (up to {@code wait}); false when some had not. */
    public boolean flush(Duration wait) {
        return await(new ArrayList<>(pending.values()), wait);
    }

    /** As {@link #flush}, for the keys starting with {@code prefix} only. */
    boolean flush(String prefix, Duration wait) {
        List<CompletableFuture<Void>> these = new ArrayList<>();
        pending.forEach((key, f) -> {
            if (key.startsWith(prefix)) these.add(f);
        });
        return await(these, wait);
    }

    private static boolean await(List<CompletableFuture<Void>> uploads, Duration wait) {
        try {
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** Stops taking uploads; those still queued are abandoned (flush first). */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
