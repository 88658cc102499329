package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.Planner;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.RequestWindow;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SpeedEstimate;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.Fmp4Split;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;

/**
 * One stream of a file (a video quality, the original, or an audio track): its segments' readiness
 * and its heads, behind one lock. Heads call back here to publish and, between two segments, to
 * learn whether to pause; requests ask here to wait. Which head makes a segment is decided by
 * expected time (see {@link Planner}): the heads' measured speeds against a fresh head's.
 */
final class SegmentedStream {
    private static final System.Logger LOG = System.getLogger(SegmentedStream.class.getName());
    /** A head makes at most this many segments. */
    static final int MAX_SEGMENTS_PER_HEAD = 100;
    /** A head further behind than this (seconds of media) is too far to wait for: start another. */
    static final double MAX_HEAD_DISTANCE = 60;
    /** Video prefetch looks this many segments ahead of the one served. */
    static final int PREFETCH_SEGMENTS = 10;
    /** Before anything was measured on this machine: a fresh head's start-up and speed. */
    static final double FIRST_GUESS_STARTUP = 1.0, FIRST_GUESS_SPEED = 1.0;
    /** The last segment's end is unknown until the scan ends: count it as long as a usual one. */
    private static final double USUAL_SEGMENT = 4.0;

    /** What a stream needs to know to run heads; one per stream. */
    record Config(String label, Path dir, KeyframeIndex keyframes, Supplier<SegmentPipeline> pipelines,
                  boolean prefetch, String preset, String startupPreset, Duration segmentWait, Container container,
                  Scheduler scheduler, EncodeSlots slots, String loadPreset) {
        /** Without a load preset (audio, transmux, fMP4: one preset for every segment). */
        Config(String label, Path dir, KeyframeIndex keyframes, Supplier<SegmentPipeline> pipelines, boolean prefetch,
               String preset, String startupPreset, Duration segmentWait, Container container, Scheduler scheduler,
               EncodeSlots slots) {
            this(label, dir, keyframes, pipelines, prefetch, preset, startupPreset, segmentWait, container, scheduler, slots, null);
        }
    }

    private final Config config;
    private final KeyframeIndex keyframes;
    /** Segments complete on disk; the source of truth, kept under the lock. */
    private final BitSet done = new BitSet();
    /** What waiters wait on; completed outside the lock, so no caller's callback runs holding it. */
    private final List<CompletableFuture<Path>> ready = new ArrayList<>();
    private final List<EncoderHead> heads = new ArrayList<>();
    /** fMP4: completed with {@link #initFile()} when the first segment, from any head, is published. */
    private final CompletableFuture<Path> initPublished = new CompletableFuture<>();
    /**
     * Requests waiting on each segment now, by how urgent each is, under the lock: added when a
     * request starts to wait and removed when its future completes in any way (ready, failed,
     * timed out, cancelled, its player gone). A future's number of dependents never goes down, so
     * it cannot tell this.
     */
    private final java.util.Map<Integer, List<Wait>> waitCount = new java.util.HashMap<>();

    /**
     * One request waiting on a segment. A player waiting on its next segment has the one before
     * playing, but only for that segment's length ({@code playingNanos} after {@code since}, ticker
     * nanos): then its screen is frozen too, and it counts as having nothing buffered, so a run of seeks cannot hold back
     * a player that keeps watching for ever.
     */
    private record Wait(Priority asked, long since, long playingNanos) {
        Priority at(long now) {
            // ticker values compare by difference only (nanoTime may wrap)
            return asked == Priority.NEXT_SEGMENT && now - since >= playingNanos ? Priority.NOTHING_BUFFERED : asked;
        }
    }
    private int nextHeadId;
    private boolean destroyed;
    /** How many times every head was stopped; a request's prefetch after that is void. */
    private volatile int killed;
    private final Scheduler scheduler;
    private final Planner planner;
    private final RequestWindow requests;
    /** This stream's measured start-up and speed; the machine's until it has its own. */
    private final SpeedEstimate estimate = new SpeedEstimate();

    SegmentedStream(Config config) {
        this.config = config;
        this.keyframes = config.keyframes();
        this.scheduler = config.scheduler();
        this.planner = scheduler.settings().planner();
        this.requests = scheduler.newRequestWindow();
    }

    Config config() {
        return config;
    }

    String label() {
        return config.label();
    }

    /** Segments whose end is known: all once the keyframe scan is done, else all but the last known. */
    int segmentCount() {
        int length = keyframes.length();
        return keyframes.isDone() ? length : Math.max(0, length - 1);
    }

    double segmentStart(int n) {
        return keyframes.get(n);
    }

    double segmentEnd(int n) {
        return n + 1 < keyframes.length() ? keyframes.get(n + 1) : Double.POSITIVE_INFINITY;
    }

    Path segmentFile(int n) {
        return config.dir().resolve("segment-" + n + "." + config.container().extension());
    }

    Path temporaryFile(int n, int head) {
        return config.dir().resolve("segment-" + n + "." + config.container().extension() + ".h" + head + ".tmp");
    }

    /** An fMP4 stream's init segment: the header of the first segment published (every head writes the same). */
    Path initFile() {
        return config.dir().resolve("init.mp4");
    }

    /**
     * An fMP4 stream's init segment: at once when a segment was published; else with the first
     * segment any live head publishes (after a deep seek, the seek's head gives it: no head is
     * started at 0 for it); with no head running, once segment 0 is made, as upstream does.
     */
    CompletableFuture<Path> init() {
        EncoderHead live = null;
        synchronized (this) {
            if (!done.isEmpty()) return CompletableFuture.completedFuture(initFile());
            for (EncoderHead h : heads) {
                if (!h.cancelled() && (live == null || h.position() < live.position())) live = h;
            }
        }
        if (live == null) return segment(0).thenApply(segment -> initFile());
        // waited on as a request for the head's segment, so a head that fails or stalls fails the
        // init with its error or the segment timeout instead of leaving it waiting for ever
        CompletableFuture<Path> awaited = segment(live.position());
        CompletableFuture<Path> init = initPublished.copy().applyToEither(awaited.thenApply(segment -> initFile()), file -> file);
        // an init published by another head first: the segment wait (a frozen screen's rank) ends with it
        init.whenComplete((file, error) -> awaited.cancel(false));
        return init;
    }

    /**
     * Segment n, at once when ready; otherwise starts a head when none will reach it soon, and
     * waits (up to the configured time) for it.
     */
    CompletableFuture<Path> segment(int n) {
        return segment(n, Demand.ANONYMOUS);
    }

    /**
     * Segment n for {@code demand}'s player: how urgent its wait is follows from what that player
     * asked before (its next segment, or a seek with nothing buffered). Cancelling the returned
     * future (the player went away) stops the request from counting as waiting.
     */
    CompletableFuture<Path> segment(int n, Demand demand) {
        if (n < 0 || n >= segmentCount()) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.BAD_REQUEST,
                    "Segment " + n + " out of range (" + segmentCount() + " segments)"));
        }
        Priority urgency = requests.record(demand, n, segmentStart(n));
        // what plays meanwhile is the segment before (at most its length: the player may have asked late)
        double playing = segmentDuration(Math.max(0, n - 1));
        Wait wait = new Wait(urgency, now(), Double.isFinite(playing) ? (long) (Math.max(0, playing) * 1e9) : Long.MAX_VALUE);
        CompletableFuture<Path> future;
        boolean ready;
        synchronized (this) {
            if (destroyed) return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
            future = readiness(n);
            ready = done.get(n);
            if (!ready) waitCount.computeIfAbsent(n, k -> new ArrayList<>()).add(wait);
            if (ready) {
                prefetch(n);
            } else if (needsHead(n)) {
                try {
                    startHead(n, true);
                } catch (RuntimeException | Error e) {
                    // no future will end this wait: it must not stay counted (and, aged, park other heads)
                    stoppedWaitingLocked(n, wait);
                    throw e;
                }
            }
            // a paused head this request comes near resumes now
            notifyAll();
        }
        // a queued head this request waits on now goes first
        scheduler.reconsider();
        // a copy: what a caller does to its future (cancel, timeouts) stays its own
        if (ready) return CompletableFuture.completedFuture(segmentFile(n));
        CompletableFuture<Path> waiting = future.copy().orTimeout(config.segmentWait().toMillis(), TimeUnit.MILLISECONDS)
                .handle((path, error) -> {
                    if (error == null) return path;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        throw new MediaException(MediaException.Kind.TIMEOUT,
                                "Segment " + n + " of " + label() + " not ready after " + config.segmentWait().toSeconds() + " s");
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
        // however it ends, this request no longer waits: its head may pause or stop again
        waiting.whenComplete((path, error) -> stoppedWaiting(n, wait));
        if (config.prefetch()) {
            int generation = killed;
            waiting.thenRun(() -> prefetchLocked(n, generation));
        }
        return waiting;
    }

    /** {@code demand}'s player went to another stream of its kind: it is no longer anywhere here. */
    void left(Demand demand) {
        // asked on every request of the player's new stream: only a player that was here changes anything
        if (requests.forget(demand)) scheduler.reconsider();
    }

    private void stoppedWaiting(int n, Wait wait) {
        synchronized (this) {
            stoppedWaitingLocked(n, wait);
            // a head this request was near may now be near nobody: it pauses at its next packet
        }
        scheduler.reconsider();
    }

    private void stoppedWaitingLocked(int n, Wait wait) {
        List<Wait> waiting = waitCount.get(n);
        if (waiting != null) {
            // this very wait: another request of the same urgency has its own deadline
            waiting.removeIf(w -> w == wait);
            if (waiting.isEmpty()) waitCount.remove(n);
        }
    }

    /** True once segment n is complete on disk. */
    synchronized boolean isReady(int n) {
        return done.get(n);
    }

    /** The readiness future of segment n; a failed one is replaced so the segment can be retried. */
    private CompletableFuture<Path> readiness(int n) {
        while (ready.size() <= n) ready.add(new CompletableFuture<>());
        CompletableFuture<Path> f = ready.get(n);
        if (f.isCompletedExceptionally()) {
            f = new CompletableFuture<>();
            ready.set(n, f);
        }
        return f;
    }

    /** Seconds of media between segment n and the nearest live head at or before it planned to reach it. */
    private double distance(int n) {
        double time = segmentStart(n);
        double best = Double.POSITIVE_INFINITY;
        for (EncoderHead h : heads) {
            if (h.cancelled() || h.position() > n || n >= h.end()) continue;
            best = Math.min(best, time - segmentStart(h.position()));
        }
        return best;
    }

    private void prefetchLocked(int n, int generation) {
        synchronized (this) {
            // the heads were stopped since the request: it asks nothing more of them
            if (generation == killed) prefetch(n);
        }
    }

    /** Whether a request waiting on segment n needs a head of its own. */
    private boolean needsHead(int n) {
        if (planner == Planner.DISTANCE) {
            double distance = distance(n);
            if (distance > MAX_HEAD_DISTANCE) {
                LOG.log(Level.DEBUG, "{0}: new head for segment {1} (nearest head {2} s behind)", label(), n, distance);
                return true;
            }
            return false;
        }
        double head = headEta(n), fresh = freshEta(n);
        if (head <= fresh) return false;
        LOG.log(Level.DEBUG, "{0}: new head for segment {1} (expected in {2} s, a fresh head {3} s)", label(), n, head, fresh);
        return true;
    }

    /** Wall seconds until segment n is ready from the live head that will get there first; infinity when none will. */
    double headEta(int n) {
        double best = Double.POSITIVE_INFINITY;
        for (EncoderHead h : heads) {
            if (h.cancelled() || h.position() > n || n >= h.end()) continue;
            best = Math.min(best, eta(h, n));
        }
        return best;
    }

    private double eta(EncoderHead h, int n) {
        double speed = h.speed();
        if (Double.isNaN(speed)) speed = expectedSpeed();
        long now = now();
        double startup = 0;
        if (!h.hasPublished()) {
            // still starting (or queued for a slot): what is left of a fresh head's start-up
            double since = h.startedNanos() == 0 ? 0 : (now - h.startedNanos()) / 1e9;
            startup = Math.max(0, expectedStartup() - since);
        }
        // a head that just published its position is already on the next one
        int from = h.position();
        while (from < n && done.get(from)) from++;
        double work = (mediaEnd(n) - segmentStart(from)) / speed;
        // only a running head gets on with its segment: a paused or queued one (it gave its slot back
        // between two segments) has done none of the next, however long it has been waiting
        double inSegment = h.hasPublished() && h.segmentBeganNanos() != 0 && h.runState() == HeadState.State.RUNNING
                ? (now - h.segmentBeganNanos()) / 1e9 : 0;
        return startup + Math.max(0, work - inSegment);
    }

    /** Wall seconds a head started now at n would take to make it. */
    double freshEta(int n) {
        return expectedStartup() + segmentDuration(n) / expectedSpeed();
    }

    private double expectedSpeed() {
        return SpeedEstimate.speed(estimate, scheduler.machine(), FIRST_GUESS_SPEED);
    }

    private double expectedStartup() {
        return SpeedEstimate.startup(estimate, scheduler.machine(), FIRST_GUESS_STARTUP);
    }

    private double mediaEnd(int n) {
        double end = segmentEnd(n);
        return Double.isInfinite(end) ? segmentStart(n) + USUAL_SEGMENT : end;
    }

    /** Seconds of media in segment n (the last one counted as a usual one until its end is known). */
    double segmentDuration(int n) {
        return mediaEnd(n) - segmentStart(n);
    }

    long now() {
        return scheduler.ticker().nanos();
    }

    void measuredFirstSegment(double media, double wall) {
        estimate.recordFirstSegment(media, wall);
        scheduler.machine().recordFirstSegment(media, wall);
    }

    void measuredSpeed(double media, double wall) {
        estimate.recordSpeed(media, wall);
        scheduler.machine().recordSpeed(media, wall);
    }

    /** After serving n: one head at the first of the next segments no head will reach in time. */
    private void prefetch(int n) {
        if (!config.prefetch() || destroyed) return;
        int last = Math.min(n + PREFETCH_SEGMENTS, segmentCount() - 1);
        for (int i = n + 1; i <= last; i++) {
            if (isReady(i)) continue;
            if (planner == Planner.EXPECTED_TIME) {
                // at real-time pace the player needs i once it has played from n to i
                double deadline = segmentStart(i) - segmentStart(n);
                double head = headEta(i);
                if (head <= deadline || head <= freshEta(i) || requests.tooFarAhead(segmentStart(i))) continue;
                LOG.log(Level.DEBUG, "{0}: prefetch head for segment {1} (expected in {2} s, needed in {3} s)", label(), i, head, deadline);
                startHead(i, false);
                return;
            }
            // 60 s, plus 5 s per segment of distance: a head already on its way will get there
            if (distance(i) < MAX_HEAD_DISTANCE + 5.0 * (i - n)) continue;
            LOG.log(Level.DEBUG, "{0}: prefetch head for segment {1}", label(), i);
            startHead(i, false);
            return;
        }
    }

    /** Starts a head at {@code start}, up to 100 segments, stopping before one ready or being made. */
    private void startHead(int start, boolean playerWaiting) {
        int end = Math.min(start + MAX_SEGMENTS_PER_HEAD, segmentCount());
        for (int i = start; i < end; i++) {
            if (isReady(i) || headAt(i)) {
                end = i;
                break;
            }
        }
        if (start >= end) return;
        try {
            Files.createDirectories(config.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String firstPreset = playerWaiting && config.startupPreset() != null && !config.startupPreset().isEmpty()
                ? config.startupPreset() : config.preset();
        // the previous behaviour, kept to measure against, had one preset past the first segment
        String loadPreset = planner == Planner.DISTANCE ? null : config.loadPreset();
        EncoderHead head = new EncoderHead(this, config.pipelines().get(), nextHeadId++, start, end, firstPreset, config.preset(),
                loadPreset, config.slots());
        heads.add(head);
        scheduler.register(head);
        head.start();
    }

    private boolean headAt(int n) {
        return headAt(n, null);
    }

    /** True when a live head other than {@code except} is at or before segment n and goes that far. */
    private boolean makes(int n, EncoderHead except) {
        for (EncoderHead h : heads) if (h != except && !h.cancelled() && h.position() <= n && n < h.end()) return true;
        return false;
    }

    private boolean headAt(int n, EncoderHead except) {
        for (EncoderHead h : heads) if (h != except && !h.cancelled() && h.position() == n) return true;
        return false;
    }

    /** A head finished segment n at its temporary file: make it visible. Returns whether the head goes on. */
    boolean publish(EncoderHead head, int n) {
        Path tmp = temporaryFile(n, head.id());
        Path file = segmentFile(n);
        CompletableFuture<Path> waiters;
        boolean goOn;
        synchronized (this) {
            try {
                if (done.get(n) || destroyed) {
                    // another head got there first: this one has nothing left to add
                    Files.deleteIfExists(tmp);
                    Files.deleteIfExists(Fmp4Split.initFile(tmp));
                    return false;
                }
                if (config.container() == Container.FMP4) publishInit(Fmp4Split.initFile(tmp));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done.set(n);
            waiters = readiness(n);
            int next = n + 1;
            goOn = !head.cancelled() && next < head.end() && !done.get(next)
                    // a head started ahead of this one since: one of them making each segment is enough
                    && (planner == Planner.DISTANCE || !headAt(next, head));
        }
        head.published(n);
        if (config.container() == Container.FMP4) initPublished.complete(initFile());
        waiters.complete(file);
        return goOn;
    }

    /**
     * Before {@code head} makes or goes on with segment {@code at} (between two segments, and
     * between two packets): stops it when its stream was abandoned, pauses it while no player is
     * near it (it resumes as soon as a request comes near or waits on it, and closes when nobody
     * came for the idle time), and gives its slot to more urgent work meanwhile. The old rule
     * ({@link Planner#DISTANCE}) has none of this. Returns whether it goes on.
     */
    boolean checkpoint(EncoderHead head, int at) {
        if (planner == Planner.DISTANCE) return !head.cancelled();
        if (stopIfAbandoned(head)) {
            LOG.log(Level.DEBUG, "{0}: nobody asked anything for a while, {1} stops", label(), head);
            return false;
        }
        try {
            if (tooFarAhead(head, at)) {
                LOG.log(Level.DEBUG, "{0}: {1} pauses at segment {2}", label(), head, at);
                return head.pauseUntil(() -> awaitNear(head, at));
            }
            return head.yieldSlot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            head.cancel();
            return false;
        }
    }

    private synchronized boolean tooFarAhead(EncoderHead head, int at) {
        return !destroyed && !head.cancelled() && requests.tooFarAhead(segmentStart(at)) && !awaited(head);
    }

    /**
     * Waits (on this stream's monitor, which requests notify) until a player comes near; false when
     * stopped meanwhile, or when nobody came near for the idle time: the head then closes, and with
     * it its decoder and encoder, so memory follows the heads someone is near.
     */
    private synchronized boolean awaitNear(EncoderHead head, int at) {
        long since = now();
        long idle = scheduler.settings().idleStopNanos();
        try {
            while (tooFarAhead(head, at)) {
                if (requests.abandoned() && !awaited(head)) head.cancel();
                if (idle != Long.MAX_VALUE && now() - since > idle) {
                    LOG.log(Level.DEBUG, "{0}: nobody came near {1} for a while, it closes", label(), head);
                    head.cancel();
                }
                if (head.cancelled()) return false;
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            head.cancel();
            return false;
        }
        return !head.cancelled() && !destroyed;
    }

    /**
     * Who goes first for an encode slot: the most urgent request waiting on this head's segments
     * (a player with nothing buffered, then one with the previous segment playing), then a head
     * near a player, then the rest.
     */
    synchronized Priority priority(EncoderHead head) {
        Priority waited = waitedPriority(head);
        if (waited != null) return waited;
        return requests.tooFarAhead(segmentStart(head.position())) ? Priority.UNWATCHED : Priority.PREFETCH;
    }

    /** Stops the head when nobody asked anything of this stream for the idle time (the scheduler's sweep). */
    synchronized void sweep(EncoderHead head) {
        if (!abandoned(head)) return;
        head.cancel();
        notifyAll();
    }

    /**
     * Checks and stops in one step under the lock, as {@link #sweep} does: a request that starts to
     * wait on this head in between sees it cancelled (and starts its own) rather than waiting on a
     * head that is about to stop.
     */
    private synchronized boolean stopIfAbandoned(EncoderHead head) {
        if (!abandoned(head)) return false;
        head.cancel();
        notifyAll();
        return true;
    }

    /** Nobody asked anything of this stream for the idle time, and no request still waits on this head. */
    private synchronized boolean abandoned(EncoderHead head) {
        return requests.abandoned() && !awaited(head);
    }

    /** The first head to publish gives the stream its init segment; later ones (identical) are dropped. */
    private void publishInit(Path header) throws IOException {
        if (Files.exists(initFile())) Files.deleteIfExists(header);
        else Files.move(header, initFile(), StandardCopyOption.ATOMIC_MOVE);
    }

    void headEnded(EncoderHead head, Throwable failure) {
        scheduler.unregister(head);
        CompletableFuture<Path> waiters = null;
        List<CompletableFuture<Path>> stranded = new ArrayList<>();
        boolean restarted = false;
        RuntimeException startFailure = null;
        synchronized (this) {
            heads.remove(head);
            int n = head.position();
            boolean failed = failure != null && !head.cancelled();
            if (failed && !done.get(n) && n < ready.size()) {
                // later requests wait on a fresh future (and may start a new head); these hear of the failure
                waiters = ready.get(n);
                ready.set(n, new CompletableFuture<>());
            } else if (!failed && (head.cancelled() || head.declined())) {
                // stopped before segments it was to make that requests still wait on: they would wait
                // out the timeout. A fresh head serves them, unless the stream or the head was killed
                for (int k = n; k < head.end() && k < ready.size(); k++) {
                    if (done.get(k) || !waitCount.containsKey(k)) continue;
                    // a head started since (a player back on this quality) makes it: its waiters wait on
                    if (!destroyed && makes(k, head)) continue;
                    if (destroyed || head.killed()) {
                        stranded.add(ready.get(k));
                        ready.set(k, new CompletableFuture<>());
                    } else {
                        // the first one only: the head started there goes on to the later ones
                        try {
                            if (needsHead(k)) startHead(k, true);
                        } catch (RuntimeException e) {
                            startFailure = e;
                            stranded.add(ready.get(k));
                            ready.set(k, new CompletableFuture<>());
                        }
                        restarted = true;
                        break;
                    }
                }
            }
        }
        if (failure != null && !head.cancelled()) LOG.log(Level.WARNING, label() + ": " + head + " failed", failure);
        // whoever waits on the segment it was making hears why now, not after the timeout
        if (waiters != null) waiters.completeExceptionally(failure);
        if (restarted) scheduler.reconsider();
        for (CompletableFuture<Path> f : stranded) {
            f.completeExceptionally(startFailure != null ? startFailure
                    : new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
        }
    }

    /** Stops every head (they end between two packets and delete their unfinished file). */
    synchronized void kill() {
        killed++;
        for (EncoderHead h : heads) h.kill();
        notifyAll();
    }

    /** Stops the heads more than {@code distance} segments away from every segment in {@code watched}. */
    synchronized void killFarFrom(int[] watched, int distance) {
        for (EncoderHead h : heads) {
            boolean near = false;
            for (int w : watched) near |= Math.abs(h.position() - w) <= distance;
            if (!near && !awaited(h)) h.cancel();
        }
    }

    /**
     * Whether a request waits on a segment this head is to make. Such a head is not orphaned,
     * however far it is from the players' last positions: a request may wait on a head up to a
     * minute of media behind it, which can be more segments than the orphan distance.
     */
    private boolean awaited(EncoderHead h) {
        return waitedPriority(h) != null;
    }

    /**
     * The most urgent request waiting on a segment this head is to make; null when none waits. A
     * head makes its segments up to the next live head ahead of it (it stops where that one began),
     * so a seek far ahead does not count as waiting on the head it jumped over.
     */
    private Priority waitedPriority(EncoderHead h) {
        Priority most = null;
        long now = now();
        int reach = h.end();
        for (EncoderHead o : heads) {
            if (o != h && !o.cancelled() && o.position() > h.position()) reach = Math.min(reach, o.position());
        }
        // asked before every packet: the few segments requests wait on, not every segment the head may reach
        for (java.util.Map.Entry<Integer, List<Wait>> e : waitCount.entrySet()) {
            int k = e.getKey();
            if (k < h.position() || k >= reach || k >= ready.size() || done.get(k)) continue;
            for (Wait w : e.getValue()) {
                Priority p = w.at(now);
                if (most == null || p.ordinal() < most.ordinal()) most = p;
            }
        }
        return most;
    }

    /** Stops one head. */
    synchronized void killHead(int id) {
        for (EncoderHead h : heads) if (h.id() == id) h.kill();
    }

    /** The heads still running (cancelled ones until their thread ends), for tests and diagnostics. */
    synchronized List<EncoderHead> heads() {
        return List.copyOf(heads);
    }

    /** Waits (bounded) for every running head's thread to end; false when some did not in time. */
    boolean awaitHeads(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (EncoderHead h : heads()) {
            if (!h.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) return false;
        }
        return true;
    }

    /** Stops every head for good and waits (bounded) for their threads, so nothing writes afterwards. */
    void destroy(Duration wait) {
        List<CompletableFuture<Path>> pending = new ArrayList<>();
        synchronized (this) {
            destroyed = true;
            kill();
            for (CompletableFuture<Path> f : ready) if (!f.isDone()) pending.add(f);
        }
        // nobody will make them now: whoever waits hears so at once, outside the lock
        for (CompletableFuture<Path> f : pending) {
            f.completeExceptionally(new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
        }
        try {
            awaitHeads(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
