package org.kyoo.transcoder.engine.scheduling;

/** Wall time in nanoseconds; injected so tests move time instead of sleeping. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
