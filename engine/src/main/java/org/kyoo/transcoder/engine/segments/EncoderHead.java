package org.kyoo.transcoder.engine.segments;

import java.nio.file.Path;

/**
 * One running pipeline making consecutive segments [first, end) of one stream, on its own thread.
 * Its stream decides everything shared (readiness, publishing); the head only knows its position.
 */
final class EncoderHead implements SegmentSink, Runnable {
    private final SegmentedStream stream;
    private final SegmentPipeline pipeline;
    private final int id;
    private final int first;
    private final int end;
    private final String firstPreset;
    private final String preset;
    private volatile int position;
    private volatile boolean cancelled;
    private volatile Thread thread;

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
        Thread t = new Thread(this, threadName(first));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private String threadName(int segment) {
        return "head " + stream.label() + " #" + id + " segment " + segment;
    }

    @Override
    public void run() {
        Throwable failure = null;
        try {
            pipeline.run(this);
        } catch (Throwable e) {
            failure = e;
        } finally {
            stream.headEnded(this, failure);
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

    /** Waits for the thread to finish (after {@link #cancel()}); false when it did not in time. */
    boolean join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) return true;
        t.join(millis);
        return !t.isAlive();
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

    @Override
    public String toString() {
        return "head #" + id + " [" + first + ", " + end + ") at " + position + (cancelled ? " (cancelled)" : "");
    }
}
