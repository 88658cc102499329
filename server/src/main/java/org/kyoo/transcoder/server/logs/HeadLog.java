package org.kyoo.transcoder.server.logs;

import java.util.Locale;
import org.kyoo.transcoder.engine.events.EngineListener;
import org.kyoo.transcoder.engine.events.HeadReport;
import org.kyoo.transcoder.engine.events.HeadStart;

/** One log line per head start and per head end (with its speed), for an operator reading the log. */
public final class HeadLog implements EngineListener {
    private static final System.Logger LOG = System.getLogger(HeadLog.class.getName());

    @Override
    public void headStarted(HeadStart start) {
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "Head started: %s #%d (%s) segments [%d, %d)",
                start.label(), start.id(), start.kind(), start.first(), start.end()));
    }

    @Override
    public void headEnded(HeadReport report) {
        String how = report.failure() != null ? "failed (" + report.failure() + ")" : report.cancelled() ? "stopped" : "done";
        System.Logger.Level level = report.failure() != null ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
        LOG.log(level, () -> String.format(Locale.ROOT,
                "Head ended: %s #%d (%s) %s after %d segments from %d, %.1f s of media in %.1f s, speed %.2fx",
                report.label(), report.id(), report.kind(), how, report.segments(), report.first(), report.mediaSeconds(),
                report.took().toNanos() / 1e9, report.speed()));
    }
}
