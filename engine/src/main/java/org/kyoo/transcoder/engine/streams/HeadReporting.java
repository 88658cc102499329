package org.kyoo.transcoder.engine.streams;

import java.time.Duration;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.events.HeadReport;
import org.kyoo.transcoder.engine.events.HeadStart;

/**
 * What a head tells the engine's listeners (logs, metrics): that it started, each segment it made
 * (its first one's wait apart), and how it ended. Written by the head's own thread only.
 */
final class HeadReporting {
    private final Stream stream;
    private final int id;
    private final int first;
    private final String kind;
    private long startedAt;
    private int published;
    private double mediaSeconds;

    HeadReporting(Stream stream, int id, int first) {
        this.stream = stream;
        this.id = id;
        this.first = first;
        this.kind = kindOf(stream.setup().rendition());
    }

    /** What it makes, as metrics and logs name it. */
    private static String kindOf(Rendition r) {
        if (r.original()) return "transmux";
        return r.audio() ? "audio" : "video";
    }

    void started(int end) {
        startedAt = System.nanoTime();
        EngineEvents.emit(l -> l.headStarted(new HeadStart(kind, stream.label(), id, first, end)));
    }

    /** Segment n of the head is in the store: counted for its report. */
    void published(int n) {
        if (published == 0) {
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
            EngineEvents.emit(l -> l.firstSegment(kind, took));
        }
        published++;
        double end = stream.segmentEnd(n);
        if (Double.isFinite(end)) mediaSeconds += end - stream.segmentStart(n);
        EngineEvents.emit(l -> l.segmentProduced(kind));
    }

    /** @param failure why it ended, null when it ran out or was stopped */
    void ended(boolean cancelled, Throwable failure) {
        HeadReport report = new HeadReport(kind, stream.label(), id, first, published, mediaSeconds,
                Duration.ofNanos(System.nanoTime() - startedAt), cancelled, failure);
        EngineEvents.emit(l -> l.headEnded(report));
    }
}
