package org.kyoo.transcoder.engine.streams;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.encoding.Presets;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * A stream's heads from start to end: starting one, committing what it makes, stopping it, and
 * what its end means for the requests waiting on it. Guarded by its stream's lock (it shares the
 * stream's monitor, which requests notify), so requests and heads see one state.
 */
final class StreamHeads {
    private static final System.Logger LOG = System.getLogger(StreamHeads.class.getName());
    /** A head makes at most this many segments. */
    static final int MAX_SEGMENTS_PER_HEAD = 100;

    private final Stream stream;
    private final StreamSetup setup;
    private final SegmentFiles files;
    private final PlanningRule rule;
    private final Heads heads = new Heads();
    private int nextHeadId;
    /** How many times every head was stopped; a request's prefetch after that is void. */
    private volatile int killed;

    StreamHeads(Stream stream, StreamSetup setup, SegmentFiles files, PlanningRule rule) {
        this.stream = stream;
        this.setup = setup;
        this.files = files;
        this.rule = rule;
    }

    Heads live() {
        return heads;
    }

    int generation() {
        return killed;
    }

    /** Starts a head at {@code start}, up to 100 segments, stopping before one made or being made. */
    void start(int start, boolean playerWaiting) {
        synchronized (stream) {
            int end = Math.min(start + MAX_SEGMENTS_PER_HEAD, stream.segmentCount());
            for (int i = start; i < end; i++) {
                if (files.isDone(i) || heads.at(i, null)) {
                    end = i;
                    break;
                }
            }
            if (start >= end) return;
            // a rule that does not throttle keeps one preset past a head's first segment
            Presets presets = rule.throttles() ? setup.presets() : setup.presets().withoutLoad();
            EncoderHead head = new EncoderHead(stream, setup.pipelines().get(), nextHeadId++, start, end,
                    presets.first(playerWaiting), presets, setup.slots());
            heads.add(head);
            setup.scheduler().register(head);
            try {
                head.start();
            } catch (RuntimeException | Error e) {
                // no thread, no head: it must not hold its segments for ever
                heads.remove(head);
                setup.scheduler().unregister(head);
                throw e;
            }
        }
    }

    /** A head finished segment n at its temporary file: commit it. Returns whether the head goes on. */
    boolean publish(EncoderHead head, int n) {
        Path scratch = files.scratch(n, head.id());
        CompletableFuture<Stored> waiters;
        Optional<Stored> stored;
        boolean goOn;
        files.commitInit(scratch, stream.isDestroyed());
        synchronized (stream) {
            // another head got there first (or the stream closed): this one has nothing left to add
            stored = files.commit(n, scratch, stream.isDestroyed());
            if (stored.isEmpty()) return false;
            waiters = files.waiters(n);
            int next = n + 1;
            goOn = !head.cancelled() && next < head.end() && !files.isDone(next)
                    // a head started ahead of this one since: one of them making each segment is enough
                    && (!rule.throttles() || !heads.at(next, head));
        }
        // counted first: whoever is answered sees the segment counted in the meters
        head.published(n);
        waiters.complete(stored.get());
        files.initCommitted();
        // in a shared store another instance may have made the next one: this head stops before it
        if (goOn) goOn = !madeElsewhere(n + 1);
        return goOn;
    }

    /** Whether the store holds segment n though no head here made it; if so, it counts as made and its waiters get it. */
    private boolean madeElsewhere(int n) {
        if (!files.inStore(n)) return false;
        Optional<Stored> stored = files.stored(n);
        if (stored.isEmpty()) return false;
        CompletableFuture<Stored> waiters;
        synchronized (stream) {
            files.found(n);
            waiters = files.waiters(n);
        }
        waiters.complete(stored.get());
        return true;
    }

    void ended(EncoderHead head, Throwable failure) {
        setup.scheduler().unregister(head);
        HeadEnding ending;
        synchronized (stream) {
            heads.remove(head);
            ending = HeadEnding.of(stream, head, failure);
        }
        if (failure != null && !head.cancelled()) LOG.log(Level.WARNING, stream + ": " + head + " failed", failure);
        ending.tell(setup.scheduler());
    }

    /** Stops every head (they end between two packets and delete their unfinished file). */
    void kill() {
        synchronized (stream) {
            killed++;
            for (EncoderHead h : heads.view()) h.kill();
            stream.notifyAll();
        }
    }

    /** Stops the heads more than {@code distance} segments away from every segment in {@code watched}. */
    void killFarFrom(int[] watched, int distance, HeadThrottle throttle) {
        synchronized (stream) {
            for (EncoderHead h : heads.view()) {
                boolean near = false;
                for (int w : watched) near |= Math.abs(h.position() - w) <= distance;
                // a head a request waits on is not orphaned, however far it is from the players' last positions
                if (!near && throttle.waitedPriority(h) == null) h.cancel();
            }
        }
    }

    /** Stops one head. */
    void killOne(int id) {
        synchronized (stream) {
            EncoderHead h = heads.byId(id);
            if (h != null) h.kill();
        }
    }

    /** The heads still running (cancelled ones until their thread ends). */
    List<EncoderHead> all() {
        synchronized (stream) {
            return heads.all();
        }
    }

    /** Waits (bounded) for every running head's thread to end; false when some did not in time. */
    boolean await(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (EncoderHead h : all()) {
            if (!h.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) return false;
        }
        return true;
    }
}
