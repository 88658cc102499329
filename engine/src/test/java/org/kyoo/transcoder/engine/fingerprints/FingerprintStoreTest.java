package org.kyoo.transcoder.engine.fingerprints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Series;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/** Fingerprints are computed once per file version, through the store every instance shares. */
class FingerprintStoreTest {
    @TempDir Path dir;

    @Test
    void computedOnceSavedAndFoundByAnotherInstance() throws Exception {
        CountingStore metadata = new CountingStore(new LocalStore(dir));
        Series.Episode episode = Series.episode(1);
        String sha = FileIdentity.sha(episode.path());
        MediaInfo info = new MediaInfoStore(metadata).get(episode.path(), sha);
        FingerprintStore one = new FingerprintStore(metadata);
        // two callers at once share one computation
        CompletableFuture<Optional<FileFingerprints>> first = CompletableFuture.supplyAsync(() -> one.get(episode.path(), sha, info));
        CompletableFuture<Optional<FileFingerprints>> second = CompletableFuture.supplyAsync(() -> one.get(episode.path(), sha, info));
        FileFingerprints prints = first.get().orElseThrow();
        assertArrayEquals(prints.opening().values(), second.get().orElseThrow().opening().values());
        assertEquals(1, metadata.written.get(), "saved once");
        // another instance (another server on the same store) reads them
        FileFingerprints again = new FingerprintStore(metadata).get(episode.path(), sha, info).orElseThrow();
        assertEquals(1, metadata.written.get(), "not computed again");
        assertArrayEquals(prints.opening().values(), again.opening().values());
        assertArrayEquals(prints.ending().quiet(), again.ending().quiet());
        assertEquals(prints.ending().start(), again.ending().start());
        // the windows upstream takes: the first fifth (at most 10 minutes), the last 5 minutes
        assertEquals(0, prints.opening().start(), 0.01);
        assertEquals(info.duration() * 0.2, prints.opening().timeOf(prints.opening().length()), 3);
        assertEquals(info.duration() - 300, prints.ending().start(), 0.01);
    }

    @Test
    void aFileWithoutAudioHasNone() {
        Path video = TestMedia.mp4WithoutBFrames().path();
        MediaInfo info = new MediaInfoStore(new LocalStore(dir)).get(video, FileIdentity.sha(video));
        MediaInfo silent = new MediaInfo(info.sha(), info.path(), info.extension(), info.mimeCodec(), info.size(), info.duration(),
                info.container(), info.video(), info.videos(), java.util.List.of(), info.subtitles(), info.fonts(), info.chapters());
        assertTrue(new FingerprintStore(new LocalStore(dir)).get(video, info.sha(), silent).isEmpty());
    }

    /** A store counting the fingerprints written to it. */
    private static final class CountingStore implements Store {
        final Store inner;
        final AtomicInteger written = new AtomicInteger();

        CountingStore(Store inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Stored> read(String key) throws IOException {
            return inner.read(key);
        }

        @Override
        public boolean exists(String key) {
            return inner.exists(key);
        }

        @Override
        public Optional<byte[]> readBytes(String key) throws IOException {
            return inner.readBytes(key);
        }

        @Override
        public void write(String key, byte[] content) throws IOException {
            if (key.endsWith("/fingerprints.bin")) written.incrementAndGet();
            inner.write(key, content);
        }

        @Override
        public Path scratch(String key, String writer) throws IOException {
            return inner.scratch(key, writer);
        }

        @Override
        public Stored commit(String key, Path scratch) throws IOException {
            return inner.commit(key, scratch);
        }

        @Override
        public Stored commitIfAbsent(String key, Path scratch) throws IOException {
            return inner.commitIfAbsent(key, scratch);
        }

        @Override
        public void deleteAll(String prefix) throws IOException {
            inner.deleteAll(prefix);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }
}
