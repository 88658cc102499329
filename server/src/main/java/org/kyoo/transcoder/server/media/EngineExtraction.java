package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.extract.Extractor;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.thumbnails.ThumbnailSprite;

/** The engine's subtitle/attachment extraction and seek-bar sprite, as the routes use them. */
public final class EngineExtraction implements BackgroundExtraction {
    private final Extractor extractor;
    private final ThumbnailSprite sprites;

    public EngineExtraction(EngineSettings settings) {
        this.extractor = new Extractor(settings);
        this.sprites = new ThumbnailSprite(settings);
    }

    @Override
    public CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        return extractor.extract(file, sha, info);
    }

    @Override
    public CompletableFuture<Sprite> sprite(Path file, String sha, MediaInfo info) {
        return sprites.sprite(file, sha)
                .thenApply(folder -> new Sprite(folder.resolve(ThumbnailSprite.PNG), folder.resolve(ThumbnailSprite.VTT)));
    }
}
