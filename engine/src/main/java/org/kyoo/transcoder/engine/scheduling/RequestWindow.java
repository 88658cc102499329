package org.kyoo.transcoder.engine.scheduling;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What players asked of one stream recently: where the furthest of them is, and whether anyone
 * asked anything at all. A head pauses when it is further than the buffer past the furthest
 * recent request; the stream's heads stop when nobody asked anything for the idle time.
 */
public final class RequestWindow {
    private record Request(long nanos, double start) {}

    private final Ticker ticker;
    private final double bufferSeconds;
    private final long idleNanos;
    private final Deque<Request> recent = new ArrayDeque<>();
    private long last;
    private boolean any;

    /**
     * @param bufferSeconds seconds of media a head may run past the furthest recent request
     * @param idleNanos     no request for this long: the stream is abandoned; also how long a
     *                      request counts as a player's position
     */
    public RequestWindow(Ticker ticker, double bufferSeconds, long idleNanos) {
        this.ticker = ticker;
        this.bufferSeconds = bufferSeconds;
        this.idleNanos = idleNanos;
    }

    /** A player asked for the segment starting at {@code start} (seconds of media). */
    public synchronized void record(double start) {
        long now = ticker.nanos();
        recent.addLast(new Request(now, start));
        last = now;
        any = true;
        forgetOld(now);
    }

    /** Whether a head about to make the segment starting at {@code start} should wait for players first. */
    public synchronized boolean tooFarAhead(double start) {
        if (Double.isInfinite(bufferSeconds)) return false;
        forgetOld(ticker.nanos());
        return start > furthest() + bufferSeconds;
    }

    /** Seconds of media of the furthest recent request; -infinity when none. */
    public synchronized double furthest() {
        double f = Double.NEGATIVE_INFINITY;
        for (Request r : recent) f = Math.max(f, r.start());
        return f;
    }

    /** True once someone asked something and then nobody asked anything for the idle time. */
    public synchronized boolean abandoned() {
        return any && idleNanos != Long.MAX_VALUE && ticker.nanos() - last > idleNanos;
    }

    private void forgetOld(long now) {
        // the newest request stays: a player that paused still has a position
        while (recent.size() > 1 && now - recent.peekFirst().nanos() > idleNanos) recent.removeFirst();
    }
}
