package org.kyoo.transcoder.server.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.extract.WebVttSegments;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.BackgroundExtraction;

/**
 * Where subtitle conversions and WebVTT cuts run, off Undertow's threads: a few at a time, a few
 * waiting, the rest refused with 503 as {@code /prepare} does, so a burst of players cannot queue
 * work (and memory) without bound. It also keeps the cues of the last WebVTT files it parsed: a
 * rendition is cut into a segment per request, and parsing a whole film's subtitles each time
 * would cost more than the cut.
 */
final class SubtitleConversions {
    /** Two threads (2-core hosts), 32 waiting, the cues of 16 files. */
    static final SubtitleConversions SHARED = new SubtitleConversions(2, 32, 16);

    /** A file version: a rewritten file (another size or time) is parsed again. */
    private record Version(Path file, FileTime modified, long size) {}

    private final ExecutorService threads;
    private final Map<Version, WebVttSegments> cues;

    SubtitleConversions(int threadCount, int waiting, int cachedFiles) {
        threads = BoundedThreads.of("subtitle conversion", threadCount, waiting);
        cues = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Version, WebVttSegments> eldest) {
                return size() > cachedFiles;
            }
        };
    }

    /**
     * Runs {@code work} on the conversion threads once {@code ready} completes. When too many wait
     * already, the answer fails with a 503 (a refused task would otherwise leave the request hanging:
     * a dependent stage whose executor refuses it never completes).
     */
    <T> CompletableFuture<T> after(CompletableFuture<?> ready, Supplier<T> work) {
        return ready.thenCompose(done -> {
            try {
                return CompletableFuture.supplyAsync(work, threads);
            } catch (RejectedExecutionException e) {
                throw new HttpError(503, "Too many subtitle conversions waiting; ask again later.");
            }
        });
    }

    /**
     * Subtitle {@code name}'s local file, what the converter reads and keeps its conversions beside;
     * NOT_FOUND when the file has none by that name.
     */
    static Path extracted(BackgroundExtraction extraction, String sha, String name) {
        Stored stored = extraction.subtitle(sha, name)
                .orElseThrow(() -> new MediaException(MediaException.Kind.NOT_FOUND, "No subtitle " + name));
        if (stored instanceof Stored.LocalFile file) return file.path();
        throw new UnsupportedOperationException("Converting a subtitle held in memory (" + stored.size() + " bytes)");
    }

    /** The cues of {@code vtt}, parsed once while the file stays the same. */
    WebVttSegments cues(Path vtt) {
        Version version;
        try {
            BasicFileAttributes attributes = Files.readAttributes(vtt, BasicFileAttributes.class);
            version = new Version(vtt, attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (cues) {
            WebVttSegments known = cues.get(version);
            if (known != null) return known;
        }
        // parsed outside the lock: two first readers may both parse, and the cache keeps one
        WebVttSegments parsed = WebVttSegments.read(vtt);
        synchronized (cues) {
            cues.put(version, parsed);
        }
        return parsed;
    }
}
