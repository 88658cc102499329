package org.kyoo.transcoder.engine.extract;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.LocalStore;

/** An extractor over a local store, with where its objects land on disk: what the tests look at. */
final class LocalExtractor {
    private final LocalStore store;
    private final Extractor extractor;

    LocalExtractor(Path metadata) {
        this.store = new LocalStore(metadata);
        this.extractor = new Extractor(store);
    }

    CompletableFuture<Void> extract(Path file, String sha, MediaInfo info) {
        return extractor.extract(file, sha, info);
    }

    /** Where subtitle {@code name} is, or would be; BAD_REQUEST, as the extractor says, for a name with a path in it. */
    Path subtitleFile(String sha, String name) {
        return store.fileOf(Extractor.subtitleKey(sha, name));
    }

    Path attachmentFile(String sha, String name) {
        return store.fileOf(Extractor.attachmentKey(sha, name));
    }

    int runsStarted() {
        return extractor.runsStarted();
    }
}
