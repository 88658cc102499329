package org.kyoo.transcoder.benchmarks;

import org.kyoo.transcoder.benchmarks.baseline.BundledTools;

/** Whether the baseline may run in this JVM: the runner checks once and tells the forks. */
final class BaselineGate {
    /** System property: "ok", or why the baseline cannot run. */
    static final String PROPERTY = "bench.baseline";

    private BaselineGate() {}

    static void require() {
        String verdict = System.getProperty(PROPERTY);
        if (verdict == null) {
            BundledTools.check().require();
        } else if (!verdict.equals("ok")) {
            throw new IllegalStateException("baseline unavailable: " + verdict);
        }
    }
}
