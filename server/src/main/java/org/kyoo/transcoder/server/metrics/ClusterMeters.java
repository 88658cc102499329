package org.kyoo.transcoder.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.kyoo.transcoder.engine.storage.StoreHealth;

/**
 * What an instance among several says of itself: its name, the files it serves now (the proxy's
 * choice, one series per file), and its shared bucket's health and traffic.
 */
public final class ClusterMeters {
    private final MultiGauge files;
    private final Supplier<List<Path>> open;

    /** @param open the files whose streams this instance holds now */
    public ClusterMeters(MeterRegistry registry, String instance, Supplier<List<Path>> open) {
        this.open = open;
        Gauge.builder("transcoder.instance.info", () -> 1).description("This instance, by name (its X-Transcoder-Instance)")
                .tag("name", instance).register(registry);
        Gauge.builder("transcoder.files.open", () -> open.get().size())
                .description("Files this instance streams now: those the proxy routes to it").register(registry);
        files = MultiGauge.builder("transcoder.file.owned")
                .description("1 for each file this instance streams now (label file: its path)").register(registry);
    }

    /** Brings the per-file series up to date: called before each scrape. */
    public void refresh() {
        files.register(open.get().stream().map(p -> MultiGauge.Row.of(Tags.of("file", p.toString()), 1)).toList(), true);
    }

    /** The bucket's meters: its health, what went up and came down, what was dropped or left alone. */
    public static void bindStore(MeterRegistry registry, StoreHealth health, IntSupplier pending) {
        Gauge.builder("transcoder.store.up", () -> health.problem() == null ? 1 : 0)
                .description("1 while the shared bucket answers, 0 while it fails (see /ready for why)")
                .tag("bucket", health.bucket()).register(registry);
        Gauge.builder("transcoder.store.uploads.pending", pending::getAsInt)
                .description("Objects committed locally and waiting to go up").register(registry);
        counter(registry, "transcoder.store.uploads", "Objects uploaded", health, StoreHealth::uploads);
        counter(registry, "transcoder.store.uploaded.bytes", "Bytes uploaded", health, StoreHealth::uploadedBytes);
        FunctionCounter.builder("transcoder.store.upload.seconds", health, h -> h.uploadNanos() / 1e9)
                .description("Wall time spent uploading, all uploads together").register(registry);
        counter(registry, "transcoder.store.upload.failures", "Upload attempts that failed (each tried up to 3 times)",
                health, StoreHealth::uploadFailures);
        counter(registry, "transcoder.store.uploads.dropped", "Objects never uploaded (every attempt failed, or the backlog was full)",
                health, StoreHealth::dropped);
        counter(registry, "transcoder.store.fetches", "Objects read from the bucket (made by another instance, or before a restart)",
                health, StoreHealth::fetches);
        counter(registry, "transcoder.store.fetched.bytes", "Bytes read from the bucket", health, StoreHealth::fetchedBytes);
        counter(registry, "transcoder.store.misses", "Reads the bucket had nothing for", health, StoreHealth::misses);
        counter(registry, "transcoder.store.read.failures", "Reads the bucket failed", health, StoreHealth::readFailures);
        counter(registry, "transcoder.store.skipped", "Reads that left the bucket alone while it was failing", health, StoreHealth::skips);
    }

    private static void counter(MeterRegistry registry, String name, String description, StoreHealth health,
                                ToLongFunction<StoreHealth> count) {
        FunctionCounter.builder(name, health, h -> count.applyAsLong(h)).description(description).register(registry);
    }
}
