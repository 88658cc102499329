package org.kyoo.transcoder.engine.scheduling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Real time that tests move ahead by hand (an hour of silence in a moment). */
public final class MutableClock implements Ticker {
    private final AtomicLong offset = new AtomicLong();

    public void advance(Duration by) {
        offset.addAndGet(by.toNanos());
    }

    @Override
    public long nanos() {
        return System.nanoTime() + offset.get();
    }
}
