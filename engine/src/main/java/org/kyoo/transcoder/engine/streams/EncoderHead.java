package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.encoding.Presets;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.HeadView;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SpeedEstimate;
import org.kyoo.transcoder.engine.pipelines.HeadThreads;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.pipelines.SegmentSink;

/**
 * One running pipeline making consecutive segments [first, end) of one stream, on its own thread.
 * Its stream decides everything shared (readiness, publishing, pausing); the head knows its
 * position and its own measured speed. It encodes only while it holds an encode slot: it takes one
 * before it starts and gives it back, between two packets, to pause or to let more urgent work
 * run; parked, it keeps its decoder, encoder and half-written segment and goes on where it was.
 */
final class EncoderHead implements SegmentSink, Runnable, EncodeSlots.Claimant, Scheduler.Scheduled, HeadView {
    private final Stream stream;
    private final SegmentPipeline pipeline;
    private final int id;
    private final int first;
    private final int end;
    /** The preset of its first segment (the start-up one when a player waits). */
    private final String firstPreset;
    private final Presets presets;
    private final HeadSlot slot;
    private final SpeedEstimate speed = new SpeedEstimate();
    private volatile int position;
    private volatile boolean cancelled;
    /** Stopped on purpose by its stream's owner (kill), not by the stream's own scheduling. */
    private volatile boolean killed;
    /** Its stream told it, at a publish, not to go on (another head has it, or it was paused off). */
    private volatile boolean declined;
    /** When the head took its first slot, and when the segment being made began (ticker nanos); 0: not yet. */
    private volatile long startedNanos;
    private volatile long segmentBeganNanos;
    /** Its first segment was measured: its start-up is behind it. */
    private volatile boolean measured;
    /**
     * Real time ({@link System#nanoTime}) of the last full per-packet checkpoint; only the head's
     * own thread reads and writes it. Real time, not the stream's clock: the limit is about CPU
     * spent on locks, and a test's injected clock may stand still.
     */
    private long lastPacketCheck;
    /** At most one full checkpoint (stream lock, slot lock) per this much wall time between packets. */
    private static final long PACKET_CHECK_NANOS = 50_000_000L;
    private final HeadReporting reporting;
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param end         one past the last segment this head may make
     * @param firstPreset the preset of its first segment (the start-up one when a player waits)
     */
    EncoderHead(Stream stream, SegmentPipeline pipeline, int id, int first, int end, String firstPreset, Presets presets,
                EncodeSlots slots) {
        this.stream = stream;
        this.slot = new HeadSlot(slots, this);
        this.pipeline = pipeline;
        this.id = id;
        this.first = first;
        this.end = end;
        this.firstPreset = firstPreset;
        this.presets = presets;
        this.position = first;
        this.reporting = new HeadReporting(stream, id, first);
    }

    void start() {
        // named for its segment once it runs (see run)
        HeadThreads.run("head " + stream.label() + " #" + id, this);
    }

    private String threadName(int segment) {
        return "head " + stream.label() + " #" + id + " segment " + segment;
    }

    @Override
    public void run() {
        Thread.currentThread().setName(threadName(first));
        Throwable failure = null;
        try {
            // inside the try: a listener throwing an Error must not skip headEnded and the latch (a ghost head)
            reporting.started(end);
            // a head queued while its players left opens nothing: it stops (or pauses) before the file is open
            if (slot.take() && stream.throttle().checkpoint(this, first)) {
                startedNanos = stream.now();
                segmentBeganNanos = startedNanos;
                pipeline.run(this);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                slot.give();
                stream.headsOwner().ended(this, failure);
            } finally {
                try {
                    reporting.ended(cancelled, cancelled ? null : failure);
                } finally {
                    ended.countDown();
                    Thread.currentThread().setName("head (idle)");
                }
            }
        }
    }

    /** Gives the slot back while paused, then waits for one again. */
    boolean pauseUntil(java.util.function.BooleanSupplier resume) throws InterruptedException {
        if (slot.isSession()) {
            // a paused hardware head would keep its encoder session open past the device's limit:
            // it ends instead (nobody waits on it; what it made stays, a later request starts a head)
            cancel();
            return false;
        }
        long parked = stream.now();
        if (!slot.pause(resume)) return false;
        resumed(parked);
        return true;
    }

    /** Lets more urgent work have the slot, then queues for it again. */
    boolean yieldSlot() throws InterruptedException {
        if (!slot.asked()) return true;
        long parked = stream.now();
        if (!slot.requeue()) return false;
        resumed(parked);
        return true;
    }

    /** Time parked is not time spent on the segment: its measured speed leaves it out. */
    private void resumed(long parkedAt) {
        if (segmentBeganNanos != 0) segmentBeganNanos += stream.now() - parkedAt;
    }

    @Override
    public void checkpoint() {
        if (cancelled) return;
        // called before every packet: the full check takes the stream's lock several times and the
        // slots' lock, so it runs at most every PACKET_CHECK_NANOS; a pause or a yield waits that long at most
        long now = System.nanoTime();
        if (lastPacketCheck != 0 && now - lastPacketCheck < PACKET_CHECK_NANOS) return;
        lastPacketCheck = now;
        stream.throttle().checkpoint(this, position);
    }

    @Override
    public Priority priority() {
        return stream.throttle().priority(this);
    }

    @Override
    public HeadState state() {
        return new HeadState(stream.label(), id, position, end, slot.state(), stream.throttle().priority(this), speed.speed());
    }

    @Override
    public void sweep() {
        stream.throttle().sweep(this);
    }

    @Override
    public double speed() {
        return speed.speed();
    }

    HeadState.State runState() {
        return slot.state();
    }

    @Override
    public boolean running() {
        return slot.state() == HeadState.State.RUNNING;
    }

    @Override
    public long startedNanos() {
        return startedNanos;
    }

    @Override
    public long segmentBeganNanos() {
        return segmentBeganNanos;
    }

    @Override
    public boolean hasPublished() {
        return measured;
    }

    int id() {
        return id;
    }

    /** The segment being made now. */
    @Override
    public int position() {
        return position;
    }

    @Override
    public int end() {
        return end;
    }

    void cancel() {
        cancelled = true;
    }

    /** Cancels it on its owner's order: requests still waiting on its segments are failed, not re-served. */
    void kill() {
        killed = true;
        cancelled = true;
    }

    boolean killed() {
        return killed;
    }

    /** Whether it ended because its stream said not to go on (rather than its pipeline running out). */
    boolean declined() {
        return declined;
    }

    /** Waits for the head to end (after {@link #cancel()}); false when it did not in time. */
    boolean join(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int first() {
        return first;
    }

    @Override
    public double segmentStart(int n) {
        return stream.segmentStart(n);
    }

    @Override
    public double segmentEnd(int n) {
        return stream.segmentEnd(n);
    }

    @Override
    public double keyframeTime(int n) {
        return stream.keyframeTime(n);
    }

    @Override
    public String preset(int n) {
        return presets.of(n, first, firstPreset, slot.overcommitted());
    }

    @Override
    public String steadyPreset() {
        return presets.steady();
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void starting(int n) {
        position = n;
        Thread.currentThread().setName(threadName(n));
    }

    @Override
    public Path temporaryFile(int n) {
        return stream.temporaryFile(n, id);
    }

    @Override
    public boolean publish(int n) {
        long now = stream.now();
        double wall = (now - segmentBeganNanos) / 1e9;
        double media = stream.segmentDuration(n);
        if (!measured) {
            stream.measuredFirstSegment(media, wall);
        } else if (!presets.startup(n, first, firstPreset)) {
            // a start-up segment after the first is quicker than the steady preset: it would make
            // every head look faster than it will be once it runs at the steady one
            speed.recordSpeed(media, wall);
            stream.measuredSpeed(media, wall);
        }
        measured = true;
        segmentBeganNanos = now;
        boolean goOn = stream.headsOwner().publish(this, n) && stream.throttle().checkpoint(this, n + 1);
        if (!goOn) declined = true;
        return goOn;
    }

    /** Segment n of this head is in the store: counted for its report. */
    void published(int n) {
        reporting.published(n);
    }

    @Override
    public String toString() {
        return "head #" + id + " [" + first + ", " + end + ") at " + position + " " + slot.state() + (cancelled ? " (cancelled)" : "");
    }
}
