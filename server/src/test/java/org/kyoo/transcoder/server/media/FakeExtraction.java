package org.kyoo.transcoder.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;

/** Extraction that writes a font and a subtitle, and a sprite; counts how often it was started. */
public final class FakeExtraction implements BackgroundExtraction {
    public final AtomicInteger extractions = new AtomicInteger();
    public final AtomicInteger sprites = new AtomicInteger();
    private final LocalStore metadata;

    public FakeExtraction(Path metadata) {
        this.metadata = new LocalStore(metadata);
    }

    @Override
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        extractions.incrementAndGet();
        return CompletableFuture.runAsync(() -> {
            write(StoreKeys.attachment(sha, "font.ttf"), "font bytes");
            write(StoreKeys.subtitle(sha, "0.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHello\n");
        });
    }

    @Override
    public Optional<Stored> subtitle(String sha, String name) {
        return read(StoreKeys.subtitle(sha, name));
    }

    @Override
    public Optional<Stored> attachment(String sha, String name) {
        return read(StoreKeys.attachment(sha, name));
    }

    @Override
    public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
        sprites.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            String png = StoreKeys.sprite(sha);
            write(png, "png bytes");
            return new Sprite(read(png).orElseThrow(), "WEBVTT\n");
        });
    }

    @Override
    public String routePrefix() {
        return "";
    }

    private void write(String key, String content) {
        try {
            metadata.write(key, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Stored> read(String key) {
        try {
            return metadata.read(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
