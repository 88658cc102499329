package org.kyoo.transcoder.engine.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How a {@link Bucket} fares, as its {@link TieredStore} and {@link Uploads} see it: what went wrong
 * last (null when its latest call worked), and what was moved. After a failure, or a read slower
 * than {@link #SLOW_NANOS}, reads leave the bucket alone for a while that doubles with each failure
 * (up to {@link #MAX_BACKOFF_NANOS}): a sick bucket costs a request one failed call at most, the
 * instance then serving from its disk and its heads alone. The server reads it for {@code /ready}
 * and {@code /metrics}; the engine knows nothing of either.
 */
public final class StoreHealth {
    private static final System.Logger LOG = System.getLogger(StoreHealth.class.getName());
    /** A read taking longer than this holds a player up more than a head would: the bucket counts as sick. */
    public static final long SLOW_NANOS = 2_000_000_000L;
    static final long FIRST_BACKOFF_NANOS = 500_000_000L;
    static final long MAX_BACKOFF_NANOS = 30_000_000_000L;

    private final String bucket;
    private volatile String problem;
    private volatile long retryAt;
    private int failures;
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final AtomicLong uploadFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong uploadNanos = new AtomicLong();

    /** @param bucket the bucket's {@link Bucket#describe()}, which every problem starts with */
    public StoreHealth(String bucket) {
        this.bucket = bucket;
    }

    /** Whether reads may ask the bucket now (not backing off after a failure). */
    public boolean reachable() {
        return System.nanoTime() - retryAt >= 0 || problem == null;
    }

    /** Waits until the bucket may be tried again (at most the longest back-off). */
    void awaitReachable() throws InterruptedException {
        long wait = retryAt - System.nanoTime();
        if (problem != null && wait > 0) Thread.sleep(wait / 1_000_000 + 1);
    }

    /** What is wrong with the bucket, naming it and its endpoint; null while its latest call worked. */
    public String problem() {
        return problem;
    }

    public String bucket() {
        return bucket;
    }

    synchronized void worked() {
        if (problem != null) LOG.log(System.Logger.Level.INFO, bucket + " answers again");
        problem = null;
        failures = 0;
    }

    /** A call failed: said once per new problem in the log, and reads back off. */
    synchronized void failed(String what, String key, Exception e) {
        backOff(bucket + ": " + what + " " + key + " failed: " + e.getMessage());
    }

    /** Something seen outside a read or a write (the bucket's check at start-up): reads back off too. */
    public synchronized void unavailable(String problem) {
        backOff(bucket + ": " + problem);
    }

    /** A read worked but took longer than a head would: reads back off too. */
    synchronized void slow(String key, long nanos) {
        backOff(bucket + ": reading " + key + " took " + nanos / 1_000_000 + " ms, serving from this instance meanwhile");
    }

    private void backOff(String message) {
        if (!message.equals(problem)) LOG.log(System.Logger.Level.WARNING, message);
        problem = message;
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(failures, 16));
        failures++;
        retryAt = System.nanoTime() + backoff;
    }

    void uploaded(long bytes, long nanos) {
        uploaded.incrementAndGet();
        uploadedBytes.addAndGet(bytes);
        uploadNanos.addAndGet(nanos);
    }

    void uploadFailed() {
        uploadFailures.incrementAndGet();
    }

    void droppedOne() {
        dropped.incrementAndGet();
    }

    void fetched(long bytes) {
        fetched.incrementAndGet();
        fetchedBytes.addAndGet(bytes);
    }

    void missed() {
        missed.incrementAndGet();
    }

    void readFailed() {
        readFailures.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    /** Objects uploaded. */
    public long uploads() {
        return uploaded.get();
    }

    public long uploadedBytes() {
        return uploadedBytes.get();
    }

    /** Wall time spent uploading, all uploads together. */
    public long uploadNanos() {
        return uploadNanos.get();
    }

    /** Upload attempts that failed (each retried, up to a few times). */
    public long uploadFailures() {
        return uploadFailures.get();
    }

    /** Objects never uploaded: failed every attempt, or the backlog was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Objects read from the bucket into the local cache. */
    public long fetches() {
        return fetched.get();
    }

    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** Reads the bucket answered with nothing. */
    public long misses() {
        return missed.get();
    }

    public long readFailures() {
        return readFailures.get();
    }

    /** Reads that left the bucket alone while it was backed off. */
    public long skips() {
        return skipped.get();
    }
}
