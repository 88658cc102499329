package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * Runs each extraction once per file version: every later caller shares the first one's future.
 * A failed run is forgotten, so a later request retries it.
 */
public final class OncePerFile implements BackgroundExtraction {
    private final BackgroundExtraction work;
    private final Map<String, CompletableFuture<Void>> extractions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Sprite>> sprites = new ConcurrentHashMap<>();

    public OncePerFile(BackgroundExtraction work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        return once(extractions, sha, () -> work.extract(file, sha, info));
    }

    @Override
    public Optional<Stored> subtitle(String sha, String name) {
        return work.subtitle(sha, name);
    }

    @Override
    public Optional<Stored> attachment(String sha, String name) {
        return work.attachment(sha, name);
    }

    @Override
    public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
        return once(sprites, sha, () -> work.sprite(file, sha, info));
    }

    @Override
    public String routePrefix() {
        return work.routePrefix();
    }

    private static <T> CompletableFuture<T> once(Map<String, CompletableFuture<T>> runs, String sha,
                                                 Supplier<CompletableFuture<T>> start) {
        // start() only launches the work, so running it inside computeIfAbsent holds the map briefly
        CompletableFuture<T> run = runs.computeIfAbsent(sha, key -> start.get());
        run.whenComplete((value, error) -> {
            if (error != null) runs.remove(sha, run);
        });
        return run;
    }
}
