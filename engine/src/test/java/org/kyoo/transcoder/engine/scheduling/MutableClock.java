package org.kyoo.transcoder.engine.scheduling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker tests move by hand. */
public final class MutableClock implements Ticker {
    private final AtomicLong now = new AtomicLong(1);

    public void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Override
    public long nanos() {
        return now.get();
    }
}
