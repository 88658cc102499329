package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A local folder in front of a {@link Bucket} every instance shares. Writes commit locally, are
 * handed out at once, and go up in the background ({@link Uploads}); reads go local, then to the
 * bucket, whose copy lands in the local folder and is served from there. The bucket failing never
 * fails a read or a write: the local copy is what serves, a read the bucket could not answer is a
 * miss (a head makes the object), and {@link StoreHealth} says what is wrong.
 *
 * <p>Deleting is the local copies only: other instances may be serving the bucket's, and a file
 * version's keys are never reused (expire old ones with a bucket lifecycle rule).
 */
public final class TieredStore implements Store {
    /** How long a deletion waits for the uploads of what it deletes (the cache bound, a shutdown). */
    private static final Duration UPLOADS_BEFORE_DELETE = Duration.ofSeconds(10);

    private final LocalStore local;
    private final Uploads uploads;
    private final Bucket bucket;
    private final StoreHealth health;
    /** Per key, the one read from the bucket under way: concurrent readers share it. */
    private final ConcurrentMap<String, CompletableFuture<Optional<Stored>>> fetches = new ConcurrentHashMap<>();

    /** @param uploads the bucket, its health and the upload queue, shared by every store in front of that bucket */
    public TieredStore(LocalStore local, Uploads uploads) {
        this.local = local;
        this.uploads = uploads;
        this.bucket = uploads.bucket();
        this.health = uploads.health();
    }

    public LocalStore local() {
        return local;
    }

    @Override
    public Optional<Stored> read(String key) throws IOException {
        Optional<Stored> here = local.read(key);
        return here.isPresent() ? here : fetch(key);
    }

    /** The bucket's copy, brought into the local folder; empty when it has none or cannot say. */
    private Optional<Stored> fetch(String key) {
        if (!health.reachable()) {
            health.skipped();
            return Optional.empty();
        }
        CompletableFuture<Optional<Stored>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Stored>> running = fetches.putIfAbsent(key, mine);
        if (running != null) return running.join();
        Optional<Stored> result = Optional.empty();
        try {
            result = download(key);
        } finally {
            fetches.remove(key, mine);
            mine.complete(result);
        }
        return result;
    }

    private Optional<Stored> download(String key) {
        Path scratch = null;
        long start = System.nanoTime();
        try {
            scratch = local.scratch(key, "fetch");
            if (!bucket.get(key, scratch)) {
                health.worked();
                health.missed();
                return Optional.empty();
            }
            Stored stored = local.commitIfAbsent(key, scratch);
            health.fetched(stored.size());
            long took = System.nanoTime() - start;
            if (took > StoreHealth.SLOW_NANOS) health.slow(key, took);
            else health.worked();
            return Optional.of(stored);
        } catch (IOException | RuntimeException e) {
            health.readFailed();
            health.failed("reading", key, e instanceof IOException ? e : new IOException(e.toString(), e));
            return Optional.empty();
        } finally {
            LocalStore.deleteQuietly(scratch);
        }
    }

    @Override
    public boolean exists(String key) {
        if (local.exists(key)) return true;
        if (!health.reachable()) {
            health.skipped();
            return false;
        }
        try {
            boolean there = bucket.exists(key);
            health.worked();
            return there;
        } catch (IOException | RuntimeException e) {
            health.readFailed();
            health.failed("looking for", key, e instanceof IOException ? e : new IOException(e.toString(), e));
            return false;
        }
    }

    @Override
    public Optional<byte[]> readBytes(String key) throws IOException {
        Optional<Stored> stored = read(key);
        if (stored.isEmpty()) return Optional.empty();
        return local.readBytes(key);
    }

    @Override
    public void write(String key, byte[] content) throws IOException {
        local.write(key, content);
        uploads.submit(key, local.fileOf(key));
    }

    @Override
    public Path scratch(String key, String writer) throws IOException {
        return local.scratch(key, writer);
    }

    @Override
    public Stored commit(String key, Path scratch) throws IOException {
        Stored stored = local.commit(key, scratch);
        uploads.submit(key, local.fileOf(key));
        return stored;
    }

    /** The first writer wins across instances too: an object in the bucket is kept, and {@code scratch} dropped. */
    @Override
    public Stored commitIfAbsent(String key, Path scratch) throws IOException {
        if (!local.exists(key)) {
            Optional<Stored> there = fetch(key);
            if (there.isPresent()) {
                Files.deleteIfExists(scratch);
                return there.get();
            }
        }
        boolean first = !local.exists(key);
        Stored stored = local.commitIfAbsent(key, scratch);
        if (first) uploads.submit(key, local.fileOf(key));
        return stored;
    }

    /** The local copies only (see the class); their uploads still queued finish first, unless the bucket is failing. */
    @Override
    public void deleteAll(String prefix) throws IOException {
        if (health.reachable()) uploads.flush(prefix, UPLOADS_BEFORE_DELETE);
        local.deleteAll(prefix);
    }

    @Override
    public String describe() {
        return local.describe() + " in front of " + bucket.describe();
    }
}
