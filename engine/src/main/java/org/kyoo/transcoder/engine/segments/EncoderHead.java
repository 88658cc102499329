package org.kyoo.transcoder.engine.segments;

import java.nio.file.Path;
import java.time.Duration;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.events.HeadReport;
import org.kyoo.transcoder.engine.events.HeadStart;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One running pipeline making consecutive segments [first, end) of one stream, on its own thread.
 * Its stream decides everything shared (readiness, publishing); the head only knows its position.
 */
final class EncoderHead implements SegmentSink, Runnable {
    /**
     * Head threads are reused: glibc gives each new thread its own malloc arena, and arenas keep
     * what x264 and the decoders freed, so a thread per head would grow the process for nothing.
     */
    private static final ExecutorService THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "head");
                t.setDaemon(true);
                return t;
            });

    private final SegmentedStream stream;
    private final SegmentPipeline pipeline;
    private final int id;
    private final int first;
    private final int end;
    private final String firstPreset;
    private final String preset;
    private volatile int position;
    private volatile boolean cancelled;
    /** What it made, for its report: written by its own thread only. */
    private long startedAt;
    private int published;
    private double mediaSeconds;
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param end         one past the last segment this head may make
     * @param firstPreset the preset of its first segment (the start-up one when a player waits)
     */
    EncoderHead(SegmentedStream stream, SegmentPipeline pipeline, int id, int first, int end, String firstPreset, String preset) {
        this.stream = stream;
        this.pipeline = pipeline;
        this.id = id;
        this.first = first;
        this.end = end;
        this.firstPreset = firstPreset;
        this.preset = preset;
        this.position = first;
    }

    void start() {
        THREADS.execute(this);
    }

    /** Runs a helper task of a head (the second half of an audio segment) on the same reused threads. */
    static void runPooled(String name, Runnable task) {
        THREADS.execute(() -> {
            Thread.currentThread().setName(name);
            try {
                task.run();
            } finally {
                Thread.currentThread().setName("head (idle)");
            }
        });
    }

    private String threadName(int segment) {
        return "head " + stream.label() + " #" + id + " segment " + segment;
    }

    @Override
    public void run() {
        Thread.currentThread().setName(threadName(first));
        startedAt = System.nanoTime();
        EngineEvents.emit(l -> l.headStarted(new HeadStart(kind(), stream.label(), id, first, end)));
        Throwable failure = null;
        try {
            pipeline.run(this);
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                stream.headEnded(this, failure);
            } finally {
                Throwable failed = cancelled ? null : failure;
                HeadReport report = new HeadReport(kind(), stream.label(), id, first, published, mediaSeconds,
                        Duration.ofNanos(System.nanoTime() - startedAt), cancelled, failed);
                EngineEvents.emit(l -> l.headEnded(report));
                ended.countDown();
                Thread.currentThread().setName("head (idle)");
            }
        }
    }

    int id() {
        return id;
    }

    /** The segment being made now. */
    int position() {
        return position;
    }

    /** One past the last segment this head may make. */
    int end() {
        return end;
    }

    void cancel() {
        cancelled = true;
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
    public String preset(int n) {
        return n == first ? firstPreset : preset;
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
        return stream.publish(this, n);
    }

    /** Segment n of this head is on disk (its stream moved it in place): counted for its report. */
    void published(int n) {
        String kind = kind();
        if (published == 0) {
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
            EngineEvents.emit(l -> l.firstSegment(kind, took));
        }
        published++;
        double end = stream.segmentEnd(n);
        if (Double.isFinite(end)) mediaSeconds += end - stream.segmentStart(n);
        EngineEvents.emit(l -> l.segmentProduced(kind));
    }

    /** What it makes, as metrics and logs name it. */
    private String kind() {
        if (pipeline instanceof VideoPipeline) return "video";
        if (pipeline instanceof AudioPipeline) return "audio";
        return "transmux";
    }

    @Override
    public String toString() {
        return "head #" + id + " [" + first + ", " + end + ") at " + position + (cancelled ? " (cancelled)" : "");
    }
}
