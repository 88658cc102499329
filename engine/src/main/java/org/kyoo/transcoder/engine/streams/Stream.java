package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.SpeedEstimate;
import org.kyoo.transcoder.engine.scheduling.StreamId;
import org.kyoo.transcoder.engine.scheduling.StreamPlan;
import org.kyoo.transcoder.engine.scheduling.Waits;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * One stream of a file (a video rendition or an audio track): the request path, and its heads'
 * lifecycle, behind one lock. Requests ask here for a segment; heads call back to publish and,
 * between packets, to learn whether to go on ({@link HeadThrottle}). Which head makes a segment is
 * the scheduler's {@link PlanningRule}'s call; what is made lives in {@link SegmentFiles}.
 */
final class Stream implements StreamPlan {
    private final StreamSetup setup;
    private final KeyframeIndex keyframes;
    private final StreamId id;
    private final SegmentFiles files;
    private final StreamHeads heads;
    private final Waits waits = new Waits();
    private final PlanningRule rule;
    private final HeadThrottle throttle;
    /** This stream's measured start-up and speed; the machine's until it has its own. */
    private final SpeedEstimate estimate = new SpeedEstimate();
    private boolean destroyed;

    Stream(StreamSetup setup) {
        this.setup = setup;
        this.keyframes = setup.cuts();
        this.id = setup.rendition().id();
        this.files = new SegmentFiles(setup.store(), setup.sha(), setup.rendition().label(), setup.rendition().container());
        this.rule = setup.scheduler().settings().rule();
        this.heads = new StreamHeads(this, setup, files, rule);
        this.throttle = new HeadThrottle(this, rule, setup.scheduler());
    }

    StreamSetup setup() {
        return setup;
    }

    String label() {
        return setup.label();
    }

    KeyframeIndex cuts() {
        return keyframes;
    }

    /** Segments whose end is known: all once the keyframe scan is done, else all but the last known. */
    @Override
    public int segmentCount() {
        int length = keyframes.length();
        return keyframes.isDone() ? length : Math.max(0, length - 1);
    }

    @Override
    public double segmentStart(int n) {
        return keyframes.get(n);
    }

    /** Where segment n is decoded from (its keyframe, after leading pictures shown before it). */
    double keyframeTime(int n) {
        return keyframes.keyframe(n);
    }

    @Override
    public double segmentEnd(int n) {
        return n + 1 < keyframes.length() ? keyframes.get(n + 1) : Double.POSITIVE_INFINITY;
    }

    /** Seconds of media in segment n (the last one counted as a usual one until its end is known). */
    double segmentDuration(int n) {
        return ExpectedTime.segmentDuration(this, n);
    }

    @Override
    public synchronized boolean isReady(int n) {
        return files.isDone(n);
    }

    /** The heads still running (cancelled ones until their thread ends): a copy, for planning, tests and diagnostics. */
    @Override
    public List<EncoderHead> heads() {
        return heads.all();
    }

    @Override
    public SpeedEstimate estimate() {
        return estimate;
    }

    @Override
    public SpeedEstimate machine() {
        return setup.scheduler().machine(setup.rendition().work());
    }

    @Override
    public long now() {
        return setup.scheduler().ticker().nanos();
    }

    @Override
    public boolean nearNobody(double start) {
        return setup.players().nearNobody(setup.file(), id, start);
    }

    /** Wall seconds until segment n is ready from the live head that will get there first (for tests). */
    synchronized double headEta(int n) {
        return ExpectedTime.headEta(this, n);
    }

    /** An fMP4 stream's init segment: see {@link InitSegment}. */
    CompletableFuture<Stored> init() {
        return InitSegment.of(this);
    }

    CompletableFuture<Stored> segment(int n) {
        return segment(n, Demand.ANONYMOUS);
    }

    /**
     * Segment n for {@code demand}'s player, at once when made; otherwise starts a head when none
     * will reach it soon, and waits (up to the configured time) for it. How urgent the wait is
     * follows from what that player asked before (its next segment, or a seek with nothing
     * buffered). Cancelling the returned future (the player went away) stops the request from
     * counting as waiting.
     */
    CompletableFuture<Stored> segment(int n, Demand demand) {
        if (n < 0 || n >= segmentCount()) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.BAD_REQUEST,
                    "Segment " + n + " out of range (" + segmentCount() + " segments)"));
        }
        Priority urgency = setup.players().asked(demand, setup.file(), id, n, segmentStart(n));
        // what plays meanwhile is the segment before (at most its length: the player may have asked late)
        double playing = segmentDuration(Math.max(0, n - 1));
        Waits.Wait wait = new Waits.Wait(urgency, now(), Double.isFinite(playing) ? (long) (Math.max(0, playing) * 1e9) : Long.MAX_VALUE);
        // what the store holds answers at once: made here before, or (a shared store) elsewhere
        Optional<Stored> held = files.stored(n);
        CompletableFuture<Stored> future;
        CompletableFuture<Stored> madeElsewhere = null;
        boolean ready;
        synchronized (this) {
            if (destroyed) return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
            // committed since it was looked up: read it again
            if (held.isEmpty() && files.isDone(n)) held = files.stored(n);
            if (held.isPresent()) madeElsewhere = files.found(n);
            else files.lost(n);
            future = files.readiness(n);
            ready = held.isPresent();
            if (!ready) {
                waits.add(n, wait);
                if (rule.needsHead(this, n)) {
                    try {
                        heads.start(n, true);
                    } catch (RuntimeException | Error e) {
                        // no future will end this wait: it must not stay counted (and, aged, park other heads)
                        waits.remove(n, wait);
                        throw e;
                    }
                }
            }
            // a paused head this request comes near resumes now
            notifyAll();
        }
        // requests already waiting on a segment the store has (a shared store: made elsewhere) have it now
        if (madeElsewhere != null) madeElsewhere.complete(held.get());
        if (ready) Prefetch.after(this, n, heads.generation());
        // a queued head this request waits on now goes first
        setup.scheduler().reconsider();
        if (ready) return CompletableFuture.completedFuture(held.get());
        return SegmentWait.of(this, n, future, wait);
    }

    /** After a request's wait ended with its segment: the prefetch, unless every head was stopped since it began. */
    void prefetchUnlessKilled(int n, int generation) {
        Prefetch.after(this, n, generation);
    }

    // --- what its heads call back ---

    /** Where head {@code head} writes segment n before it is complete. */
    Path temporaryFile(int n, int head) {
        return files.scratch(n, head);
    }

    /** Its heads from start to end. */
    StreamHeads headsOwner() {
        return heads;
    }

    /** Whether its heads go on, and in which order they get slots. */
    HeadThrottle throttle() {
        return throttle;
    }

    // --- what its helpers (HeadThrottle, HeadEnding) read, under this stream's lock ---

    SegmentFiles files() {
        return files;
    }

    Waits waits() {
        return waits;
    }

    Heads liveHeads() {
        return heads.live();
    }

    boolean isDestroyed() {
        return destroyed;
    }

    PlanningRule rule() {
        return rule;
    }

    /** Whether nobody asked anything of this stream for the idle time. */
    boolean abandoned() {
        return setup.players().abandoned(setup.file(), id);
    }

    /** Starts a head for a request still waiting at {@code k} (its head stopped), when one is needed. */
    void restartFor(int k) {
        if (rule.needsHead(this, k)) heads.start(k, true);
    }

    // --- stopping ---

    /** Stops every head (they end between two packets and delete their unfinished file). */
    void kill() {
        heads.kill();
    }

    /** Stops the heads more than {@code distance} segments away from every segment in {@code watched}. */
    void killFarFrom(int[] watched, int distance) {
        heads.killFarFrom(watched, distance, throttle);
    }

    void killHead(int headId) {
        heads.killOne(headId);
    }

    /** Waits (bounded) for every running head's thread to end; false when some did not in time. */
    boolean awaitHeads(Duration wait) throws InterruptedException {
        return heads.await(wait);
    }

    /** Stops every head for good and waits (bounded) for their threads, so nothing writes afterwards. */
    void destroy(Duration wait) {
        List<CompletableFuture<Stored>> pending;
        synchronized (this) {
            destroyed = true;
            kill();
            pending = files.pending();
        }
        // nobody will make them now: whoever waits hears so at once, outside the lock
        for (CompletableFuture<Stored> f : pending) {
            f.completeExceptionally(new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
        }
        try {
            awaitHeads(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #destroy}, then deletes what it made: its cut points were stale, so are its segments. */
    void destroyAndDelete(Duration wait) {
        destroy(wait);
        files.deleteAll();
    }

    void measuredFirstSegment(double media, double wall) {
        estimate.recordFirstSegment(media, wall);
        machine().recordFirstSegment(media, wall);
    }

    void measuredSpeed(double media, double wall) {
        estimate.recordSpeed(media, wall);
        machine().recordSpeed(media, wall);
    }

    @Override
    public String toString() {
        return label();
    }

}
