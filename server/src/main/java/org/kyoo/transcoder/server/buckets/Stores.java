package org.kyoo.transcoder.server.buckets;

import java.time.Duration;
import java.util.Optional;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreHealth;
import org.kyoo.transcoder.engine.storage.TieredStore;
import org.kyoo.transcoder.engine.storage.Uploads;
import org.kyoo.transcoder.engine.streams.Transcoder;
import org.kyoo.transcoder.server.config.Config;

/**
 * The server's two stores: segments (the cache folder, emptied at start-up) and metadata (kept).
 * With {@code S3_BUCKET_NAME} set both sit in front of the one bucket every instance shares, and
 * what they make goes up in the background; without it they are the folders alone, as ever.
 */
public final class Stores implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Stores.class.getName());
    /** Uploads of different files at once: a few, the bucket's latency rather than its bandwidth is the limit. */
    static final int UPLOAD_THREADS = 4;
    /** A server over fakes: no store of its own, nothing to flush. */
    public static final Stores NONE = new Stores(null, null, null, null);

    private final Store segments;
    private final Store metadata;
    private final Uploads uploads;
    private final S3Bucket bucket;

    private Stores(Store segments, Store metadata, Uploads uploads, S3Bucket bucket) {
        this.segments = segments;
        this.metadata = metadata;
        this.uploads = uploads;
        this.bucket = bucket;
    }

    /**
     * The configured stores. A bucket that does not answer at start-up is said in the log and in
     * {@code /ready}, and the instance starts all the same: it serves from its disk and heads.
     */
    public static Stores open(Config config) {
        LocalStore cache = new LocalStore(config.cacheRoot());
        // what the cache held was uploaded, or was pending when the process died: made again on demand
        Transcoder.emptied(cache);
        LocalStore kept = new LocalStore(config.metadataRoot());
        if (!config.storage().enabled()) return new Stores(cache, kept, null, null);
        S3Bucket bucket = S3Bucket.open(config.storage());
        StoreHealth health = new StoreHealth(bucket.describe());
        String problem = bucket.check();
        if (problem != null) health.unavailable(problem);
        else LOG.log(System.Logger.Level.INFO, "Sharing segments and metadata in the " + bucket.describe());
        Uploads uploads = new Uploads(bucket, health, UPLOAD_THREADS);
        return new Stores(new TieredStore(cache, uploads), new TieredStore(kept, uploads), uploads, bucket);
    }

    public Store segments() {
        return segments;
    }

    public Store metadata() {
        return metadata;
    }

    /** The bucket's health and traffic; empty without a bucket. */
    public Optional<StoreHealth> health() {
        return uploads == null ? Optional.empty() : Optional.of(uploads.health());
    }

    public int pendingUploads() {
        return uploads == null ? 0 : uploads.pending();
    }

    /** Waits (up to {@code wait}) for the uploads queued so far; false when some were still going. */
    public boolean flush(Duration wait) {
        return uploads == null || uploads.flush(wait);
    }

    @Override
    public void close() {
        if (uploads != null) uploads.close();
        if (bucket != null) bucket.close();
    }
}
