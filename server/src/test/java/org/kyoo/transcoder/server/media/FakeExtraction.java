package org.kyoo.transcoder.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyoo.transcoder.engine.media.MediaInfo;

/** Extraction that writes a font and a subtitle, and a sprite; counts how often it was started. */
public final class FakeExtraction implements BackgroundExtraction {
    public final AtomicInteger extractions = new AtomicInteger();
    public final AtomicInteger sprites = new AtomicInteger();
    private final Path metadata;

    public FakeExtraction(Path metadata) {
        this.metadata = metadata;
    }

    @Override
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        extractions.incrementAndGet();
        return CompletableFuture.runAsync(() -> {
            write(metadata.resolve(sha).resolve("att").resolve("font.ttf"), "font bytes");
            write(metadata.resolve(sha).resolve("sub").resolve("0.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHello\n");
        });
    }

    @Override
    public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
        sprites.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            Path folder = metadata.resolve(sha).resolve("thumbs");
            return new Sprite(write(folder.resolve("sprite.png"), "png bytes"),
                    write(folder.resolve("sprite.vtt"), "WEBVTT\n"));
        });
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
