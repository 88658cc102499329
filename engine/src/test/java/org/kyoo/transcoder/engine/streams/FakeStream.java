package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.storage.Stored;

/** A stream (of {@link FakeStreams}, or of a real file), as tests outside this package see it. */
public final class FakeStream {
    /** What the stream runs on. */
    public record Config(Scheduler scheduler, EncodeSlots slots) {}

    private final Stream stream;

    FakeStream(Stream stream) {
        this.stream = stream;
    }

    /** One rendition's stream of a real file, as tests outside this package see it. */
    public static FakeStream of(FileStream file, Rendition rendition) {
        return new FakeStream(file.stream(rendition));
    }

    public CompletableFuture<Stored> segment(int n) {
        return stream.segment(n);
    }

    public CompletableFuture<Stored> segment(int n, Demand demand) {
        return stream.segment(n, demand);
    }

    /** An fMP4 stream's init segment. */
    public CompletableFuture<Stored> init() {
        return stream.init();
    }

    public boolean isReady(int n) {
        return stream.isReady(n);
    }

    /** The heads still running, oldest first. */
    public List<FakeHead> heads() {
        return stream.heads().stream().map(FakeHead::new).toList();
    }

    public Config config() {
        return new Config(stream.setup().scheduler(), stream.setup().slots());
    }

    /** Wall seconds until segment n is ready from the live head that will get there first. */
    public double headEta(int n) {
        return stream.headEta(n);
    }

    /** Where segment n is, or would be, kept. */
    public Path segmentFile(int n) {
        return Fixtures.segmentFile(stream, n);
    }

    public void destroy(Duration wait) {
        stream.destroy(wait);
    }

    @Override
    public String toString() {
        return stream.heads().toString();
    }
}
