package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.MetadataFiles;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class KeyframeStoreTest {
    @TempDir
    Path tmp;
    private KeyframeStore store;

    private LocalStore metadata() {
        return new LocalStore(tmp.resolve("metadata"));
    }

    private KeyframeStore store() {
        if (store == null) store = new KeyframeStore(metadata());
        return store;
    }

    private MediaInfo info(Path path, String sha) {
        return new MediaInfoStore(metadata()).get(path, sha);
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void keyframesAreThoseTheEncoderMadeAndAreSavedOnceComplete() throws Exception {
        Fixture mkv = TestMedia.multiTrackMkv();
        KeyframeIndex index = store().get(mkv.path(), "k1", info(mkv.path(), "k1")).completion().join();
        assertTrue(index.isDone());
        double[] expected = mkv.spec().video().keyframes();
        assertEquals(expected.length, index.length());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], index.get(i), 0.0011);
        Path saved = tmp.resolve("metadata/k1/keyframes.json");
        double[] json = new ObjectMapper().readValue(saved.toFile(), MetadataFiles.SavedKeyframes.class).keyframes();
        assertArrayEquals(index.toArray(), json);
    }

    @Test
    void savedKeyframesAreUsedWithoutReadingTheFile() throws Exception {
        Path file = tmp.resolve("metadata/k2/keyframes.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"keyframes\":[0.0,1.5,4.25]}");
        KeyframeIndex index = store().get(tmp.resolve("not-there.mkv"), "k2", null);
        assertTrue(index.isDone());
        assertArrayEquals(new double[] {0, 1.5, 4.25}, index.toArray());
    }

    @Test
    void concurrentCallersShareOneIndex() throws Exception {
        Fixture ts = TestMedia.mpegTsOffset();
        MediaInfo info = info(ts.path(), "k3");
        KeyframeStore shared = store();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<KeyframeIndex>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) answers.add(pool.submit(() -> {
                start.await();
                return shared.get(ts.path(), "k3", info);
            }));
            start.countDown();
            KeyframeIndex first = answers.get(0).get();
            for (Future<KeyframeIndex> answer : answers) assertSame(first, answer.get());
            assertEquals(ts.spec().video().keyframes().length, first.completion().join().length());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void audioOnlyGetsAKeyframeEveryTwoSecondsOverItsDuration() {
        Path m4a = TestMedia.audioOnly().path();
        KeyframeIndex index = store().get(m4a, "k4", info(m4a, "k4")).completion().join();
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 12}, index.toArray());
        assertTrue(Files.exists(tmp.resolve("metadata/k4/keyframes.json")));
        assertTrue(index.isFallback(), "the cuts are made up: no copy of a video may be cut there");
    }

    @Test
    void theFallbackMarkSurvivesARestartAndRealKeyframesCarryNone() {
        Path m4a = TestMedia.audioOnly().path();
        store().get(m4a, "k6", info(m4a, "k6")).completion().join();
        Fixture mkv = TestMedia.multiTrackMkv();
        KeyframeIndex real = store().get(mkv.path(), "k7", info(mkv.path(), "k7")).completion().join();
        assertFalse(real.isFallback());
        store.close();
        store = new KeyframeStore(metadata());
        assertTrue(store.get(m4a, "k6", null).completion().join().isFallback());
        assertFalse(store.get(mkv.path(), "k7", null).completion().join().isFallback());
    }

    @Test
    void aFailedScanIsNotCachedAndSaysWhy() {
        Path random = TestMedia.randomBytes();
        KeyframeIndex failed = store().get(random, "k5", null);
        CompletionException error = assertThrows(CompletionException.class, () -> failed.completion().join());
        MediaException cause = assertInstanceOf(MediaException.class, error.getCause());
        assertEquals(MediaException.Kind.NOT_MEDIA, cause.kind());
        assertThrows(CompletionException.class, () -> failed.firstBatch().join());
        assertFalse(Files.exists(tmp.resolve("metadata/k5/keyframes.json")));
        assertNotSame(failed, store().get(random, "k5", null), "the next caller tries again");
    }

    @Test
    void aVideoTrackTheFileLacksIsARequestErrorNotMadeUpCutsAndNothingIsSaved() {
        Fixture mkv = TestMedia.multiTrackMkv();
        KeyframeIndex missing = store().get(mkv.path(), "k8", info(mkv.path(), "k8"), 3);
        CompletionException error = assertThrows(CompletionException.class, () -> missing.firstBatch().join());
        MediaException cause = assertInstanceOf(MediaException.class, error.getCause());
        assertEquals(MediaException.Kind.BAD_REQUEST, cause.kind());
        assertTrue(cause.getMessage().contains("No video track 3"), cause.getMessage());
        assertFalse(Files.exists(MetadataFiles.keyframesFile(tmp.resolve("metadata"), "k8", 3)), "no made-up keyframes-video-3.json");
        assertFalse(store().get(mkv.path(), "k8", null).completion().join().isFallback(), "track 0 keeps its real keyframes");
    }
}
