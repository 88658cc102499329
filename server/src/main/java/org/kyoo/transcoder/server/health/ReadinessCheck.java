package org.kyoo.transcoder.server.health;

import java.util.function.Supplier;

/**
 * One thing the server needs to serve players, or (not {@code required}) one it serves better
 * with: such a problem is listed as {@code degraded: …} and leaves the server ready, since taking
 * the instance out of its proxy would only stop the playback it can still give.
 *
 * @param name     as {@code /ready} lists it
 * @param problem  what is wrong, or null when it is fine; must be quick (a probe calls it every few seconds)
 * @param required whether a problem makes the server unready
 */
public record ReadinessCheck(String name, Supplier<String> problem, boolean required) {
    public ReadinessCheck(String name, Supplier<String> problem) {
        this(name, problem, true);
    }

    /** The check's verdict, a failure to check counted as a problem. */
    String run() {
        try {
            return problem.get();
        } catch (Throwable e) {
            return e.toString();
        }
    }
}
