package org.kyoo.transcoder.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.extract.Extractor;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.thumbnails.ThumbnailSprite;

/** The engine's subtitle/attachment extraction and seek-bar sprite, as the routes use them. */
public final class EngineExtraction implements BackgroundExtraction {
    private final Store metadata;
    private final String routePrefix;
    private final Extractor extractor;
    private final ThumbnailSprite sprites;

    /**
     * @param metadata    the metadata store both write into
     * @param routePrefix the public route prefix ({@code GOCODER_PREFIX}), "" for none
     */
    public EngineExtraction(Store metadata, String routePrefix) {
        this(metadata, routePrefix, ToneMapping.DEFAULT);
    }

    /** @param toneMapping the curve an HDR file's sprite is tone-mapped with, as its transcodes are */
    public EngineExtraction(Store metadata, String routePrefix, ToneMapping toneMapping) {
        this.metadata = metadata;
        this.routePrefix = routePrefix;
        this.extractor = new Extractor(metadata);
        this.sprites = new ThumbnailSprite(metadata, 2, toneMapping);
    }

    @Override
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        return extractor.extract(file, sha, info);
    }

    @Override
    public Optional<Stored> subtitle(String sha, String name) {
        try {
            return extractor.subtitle(sha, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Stored> attachment(String sha, String name) {
        try {
            return extractor.attachment(sha, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
        return sprites.sprite(file, sha).thenApply(made -> new Sprite(made.png(), map(sha)));
    }

    @Override
    public String routePrefix() {
        return routePrefix;
    }

    private String map(String sha) {
        String key = StoreKeys.spriteMap(sha);
        try {
            byte[] vtt = metadata.readBytes(key)
                    .orElseThrow(() -> new NoSuchFileException(key, null, "not in " + metadata.describe()));
            return new String(vtt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
