package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.Fmp4Split;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * A stream's segments in the store: which are made, the futures requests wait on, and making a
 * head's finished segment visible. Its stream guards it with its own lock; the futures are
 * completed outside that lock, so no caller's callback runs holding it.
 */
final class SegmentFiles {
    private static final System.Logger LOG = System.getLogger(SegmentFiles.class.getName());
    private final Store store;
    private final String sha;
    private final String label;
    private final Container container;
    /** Which stream of the process this is, so its scratch files are its own. */
    private final long instance = INSTANCES.incrementAndGet();
    private static final java.util.concurrent.atomic.AtomicLong INSTANCES = new java.util.concurrent.atomic.AtomicLong();
    /** Segments committed to the store; the source of truth. */
    private final BitSet done = new BitSet();
    /** What waiters wait on, per segment. */
    private final List<CompletableFuture<Stored>> ready = new ArrayList<>();
    /** fMP4: completed with the init when the first segment, from any head, is committed. */
    private final CompletableFuture<Stored> initPublished = new CompletableFuture<>();
    /** Serialises init commits, outside the stream's lock: with a bucket, the first may read it from there. */
    private final Object initLock = new Object();

    SegmentFiles(Store store, String sha, String label, Container container) {
        this.store = store;
        this.sha = sha;
        this.label = label;
        this.container = container;
    }

    String key(int n) {
        return StoreKeys.segment(sha, label, n, container.extension());
    }

    /** The stream's folder of keys, for deleting it whole. */
    String prefix() {
        return StoreKeys.stream(sha, label);
    }

    boolean isDone(int n) {
        return done.get(n);
    }

    /** Where head {@code head} writes segment n before it is complete. */
    Path scratch(int n, int head) {
        try {
            // the stream's own number too: a stream replaced (stale cut points) may have a head still
            // ending under the same head number, and writers of one key never share a file
            return store.scratch(key(n), "s" + instance + "h" + head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The readiness future of segment n; a failed one is replaced so the segment can be made again. */
    CompletableFuture<Stored> readiness(int n) {
        while (ready.size() <= n) ready.add(new CompletableFuture<>());
        CompletableFuture<Stored> f = ready.get(n);
        if (f.isCompletedExceptionally()) {
            f = new CompletableFuture<>();
            ready.set(n, f);
        }
        return f;
    }

    /** Hands out segment n's future to be failed, putting a fresh one in its place (a later request may retry). */
    CompletableFuture<Stored> replaceReadiness(int n) {
        CompletableFuture<Stored> old = readiness(n);
        ready.set(n, new CompletableFuture<>());
        return old;
    }

    /** One past the last segment a request ever asked for: none beyond it can be waited on. */
    int trackedCount() {
        return ready.size();
    }

    /** Every future not completed yet (the stream is closing). */
    List<CompletableFuture<Stored>> pending() {
        List<CompletableFuture<Stored>> out = new ArrayList<>();
        for (CompletableFuture<Stored> f : ready) if (!f.isDone()) out.add(f);
        return out;
    }

    /** A segment made (by this instance or, in a shared store, by another): what the store holds for it now. */
    Optional<Stored> stored(int n) {
        try {
            return store.read(key(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the store holds segment n (in a shared store, another instance may have made it):
     * asked without reading it, at a head's segment boundary and before a prefetch starts a head.
     */
    boolean inStore(int n) {
        return store.exists(key(n));
    }

    /**
     * Segment n was found in the store: it counts as made. Returns the future requests already wait
     * on when it was not known as made (made elsewhere, in a shared store), to complete outside the
     * lock; null when there is none to complete.
     */
    CompletableFuture<Stored> found(int n) {
        if (done.get(n)) return null;
        done.set(n);
        CompletableFuture<Stored> waiting = readiness(n);
        return waiting.isDone() ? null : waiting;
    }

    /**
     * Segment n is not in the store (it never was, or went behind the stream's back): it is to be
     * made (again), and nobody may be answered from an old completion of its future.
     */
    void lost(int n) {
        done.clear(n);
        if (n < ready.size() && ready.get(n).isDone()) ready.set(n, new CompletableFuture<>());
    }

    /**
     * Commits segment n that head {@code head} finished at {@code scratch} (and, in fMP4, its
     * header beside it, the stream's init when it is the first). Returns the stored segment, or
     * empty when it was made already (another head got there first) and the scratch is dropped.
     */
    Optional<Stored> commit(int n, Path scratch, boolean closed) {
        try {
            if (done.get(n) || closed) {
                Files.deleteIfExists(scratch);
                Files.deleteIfExists(Fmp4Split.initFile(scratch));
                return Optional.empty();
            }
            // the init went in first (commitInit); a header left is another head's copy of it
            if (container == Container.FMP4) Files.deleteIfExists(Fmp4Split.initFile(scratch));
            Stored stored = store.commit(key(n), scratch);
            done.set(n);
            return Optional.of(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * fMP4: commits the header a head wrote beside its segment {@code scratch} as the stream's init
     * when it has none yet (every head writes the same header: the first one committed, here or by
     * another instance, is the init). Called before the segment's commit, without the stream's lock:
     * in a shared store the first commit asks the bucket whether another instance has one, and
     * requests must not wait on that.
     */
    void commitInit(Path scratch, boolean closed) {
        if (container != Container.FMP4) return;
        Path header = Fmp4Split.initFile(scratch);
        try {
            synchronized (initLock) {
                if (closed) Files.deleteIfExists(header);
                else if (Files.exists(header)) store.commitIfAbsent(StoreKeys.init(sha, label), header);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The waiters of segment n, to complete once the lock is released. */
    CompletableFuture<Stored> waiters(int n) {
        return readiness(n);
    }

    /** fMP4: the init is in the store (after a commit): completes whoever waits on it. */
    void initCommitted() {
        if (container != Container.FMP4 || initPublished.isDone()) return;
        try {
            init().ifPresent(initPublished::complete);
        } catch (UncheckedIOException e) {
            // the init waits on a request for a segment too: that one ends the wait, with its own answer
            LOG.log(System.Logger.Level.WARNING, "Cannot read the init of " + label + " after a commit: " + e.getMessage());
        }
    }

    /** The init in the store, if a segment was committed. */
    Optional<Stored> init() {
        try {
            return store.read(StoreKeys.init(sha, label));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completes with the init once the first segment of any head is committed. */
    CompletableFuture<Stored> initPublished() {
        return initPublished;
    }

    void deleteAll() {
        try {
            store.deleteAll(prefix());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
