package org.kyoo.transcoder.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.streams.RunningHead;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.streams.Rendition;

/**
 * An engine stand-in for HTTP tests: files declared by the test, segments that are ready when the
 * test says so. Anything not declared is "not media".
 */
public final class FakeMedia implements MediaSource {
    private final Map<Path, FakeFile> files = new ConcurrentHashMap<>();
    /** What {@code /streams} reports as running, as the test sets it. */
    public final List<RunningHead> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LocalStore store;

    /** @param segments folder where ready segments are written */
    public FakeMedia(Path segments) {
        this.store = new LocalStore(segments);
    }

    public static MediaInfo movieInfo(Path path) {
        MediaInfo.Video video = new MediaInfo.Video("h264", "avc1.64001f", null, "720p", 1280, 720, 2_000_000);
        return new MediaInfo("j1-fake", path.toString(), "mkv", "video/x-matroska; codecs=\"avc1.64001f, mp4a.40.2\"",
                1000, 12.0, "matroska", video, List.of(video),
                List.of(new MediaInfo.Audio(0, null, "en", "aac", "mp4a.40.2", 2, true, false),
                        new MediaInfo.Audio(1, "Commentary", "fr", "aac", "mp4a.40.2", 2, false, false)),
                List.of(), List.of(), List.of());
    }

    public FakeFile add(Path file, MediaInfo info, KeyframeIndex keyframes) {
        FakeFile fake = new FakeFile(info, keyframes);
        files.put(real(file), fake);
        return fake;
    }

    @Override
    public MediaInfo info(Path file, String sha) {
        return get(file).info;
    }

    @Override
    public StreamedFile stream(Path file, String sha) {
        return get(file);
    }

    @Override
    public List<RunningHead> runningHeads() {
        return List.copyOf(heads);
    }

    private FakeFile get(Path file) {
        FakeFile fake = files.get(file);
        if (fake == null) throw new MediaException(MediaException.Kind.NOT_MEDIA, "Not a media file: " + file.getFileName());
        return fake;
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public final class FakeFile implements StreamedFile {
        private final MediaInfo info;
        private final KeyframeIndex keyframes;
        private final Map<String, CompletableFuture<Stored>> futures = new ConcurrentHashMap<>();
        private volatile Demand lastDemand;

        FakeFile(MediaInfo info, KeyframeIndex keyframes) {
            this.info = info;
            this.keyframes = keyframes;
        }

        @Override
        public MediaInfo info() {
            return info;
        }

        @Override
        public KeyframeIndex keyframes() {
            return keyframes;
        }

        /** The original table's renditions; upstream's fMP4 ones are not faked. */
        @Override
        public CompletableFuture<Stored> segment(Rendition rendition, int segment, Demand demand) {
            if (rendition.fragmented()) return CompletableFuture.failedFuture(new UnsupportedOperationException("no fMP4 renditions"));
            if (!rendition.audio()) lastDemand = demand;
            String stream = rendition.audio() ? "audio" + rendition.track() : rendition.label();
            return future(stream + "/" + segment);
        }

        /** Who asked for the latest video segment, as the engine hears it. */
        public Demand lastDemand() {
            return lastDemand;
        }

        /** The segment's future, shared by every request for it. */
        public CompletableFuture<Stored> future(String key) {
            return futures.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        /** Writes the segment (its key as content, then padding) and completes its future. */
        public Path makeReady(String key) {
            try {
                String name = key.replace('/', '-') + "/segment.ts";
                store.write(name, (key + ":" + "x".repeat(4096)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Stored stored = store.read(name).orElseThrow();
                future(key).complete(stored);
                return ((Stored.LocalFile) stored).path();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public int pending() {
            return (int) futures.values().stream().filter(f -> !f.isDone()).count();
        }
    }
}
