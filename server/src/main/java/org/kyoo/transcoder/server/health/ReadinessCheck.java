package org.kyoo.transcoder.server.health;

import java.util.function.Supplier;

/**
 * One thing the server needs to serve players.
 *
 * @param name    as {@code /ready} lists it
 * @param problem what is wrong, or null when it is fine; must be quick (a probe calls it every few seconds)
 */
public record ReadinessCheck(String name, Supplier<String> problem) {
    /** The check's verdict, a failure to check counted as a problem. */
    String run() {
        try {
            return problem.get();
        } catch (Throwable e) {
            return e.toString();
        }
    }
}
