package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/** Damaged copies of the fixtures: each gives media info and keyframes, or a typed error; never a crash. */
class DamagedFilesTest {
    @TempDir
    Path tmp;

    private LocalStore metadata() {
        return new LocalStore(tmp.resolve("metadata"));
    }

    private Path damaged(Path source, String name, java.util.function.UnaryOperator<byte[]> damage) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, damage.apply(Files.readAllBytes(source)));
        return file;
    }

    private static void assertIncreasing(double[] times) {
        for (int i = 1; i < times.length; i++) assertTrue(times[i] > times[i - 1], Arrays.toString(times));
    }

    @Test
    void anMp4CutBeforeItsHeaderIsNotMedia() throws IOException {
        Path half = damaged(TestMedia.mp4().path(), "half.mp4", b -> Arrays.copyOf(b, b.length / 2));
        MediaException error = assertThrows(MediaException.class, () -> new MediaInfoStore(metadata()).get(half, "d1"));
        assertEquals(MediaException.Kind.NOT_MEDIA, error.kind());
        try (KeyframeStore store = new KeyframeStore(metadata())) {
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> store.get(half, "d1", null).completion().join());
            assertInstanceOf(MediaException.class, failed.getCause());
        }
    }

    @Test
    void aMatroskaFileWithGarbageInTheMiddleStillGivesInfoAndKeyframes() throws IOException {
        Path garbled = damaged(TestMedia.multiTrackMkv().path(), "garbled.mkv", b -> {
            byte[] noise = new byte[b.length / 10];
            new Random(3).nextBytes(noise);
            System.arraycopy(noise, 0, b, b.length / 2, noise.length);
            return b;
        });
        MediaInfo info = new MediaInfoStore(metadata()).get(garbled, "d2");
        assertEquals(320, info.video().width());
        double[] scanned = KeyframeReadingTest.scan(garbled);
        assertTrue(scanned.length >= 2);
        assertIncreasing(scanned);
        try (KeyframeStore store = new KeyframeStore(metadata())) {
            double[] stored = store.get(garbled, "d2", info).completion().join().toArray();
            assertTrue(stored.length >= 2);
            assertIncreasing(stored);
        }
    }

    @Test
    void anMpegTsCutInHalfHasTheKeyframesOfItsFirstHalf() throws IOException {
        double[] all = TestMedia.mpegTsOffset().spec().video().keyframes();
        Path half = damaged(TestMedia.mpegTsOffset().path(), "half.ts", b -> Arrays.copyOf(b, b.length / 2));
        MediaInfo info = new MediaInfoStore(metadata()).get(half, "d3");
        assertTrue(info.duration() > 5 && info.duration() < 15, "duration " + info.duration());
        try (KeyframeStore store = new KeyframeStore(metadata())) {
            double[] found = store.get(half, "d3", info).completion().join().toArray();
            assertTrue(found.length >= 2 && found.length < all.length, Arrays.toString(found));
            for (int i = 0; i < found.length; i++) assertEquals(all[i], found[i], 0.0011);
        }
    }

    @Test
    void aValidHeaderFollowedByNoiseIsATypedErrorOrUsable() throws IOException {
        Path noisy = damaged(TestMedia.multiTrackMkv().path(), "noisy.mkv", b -> {
            byte[] out = Arrays.copyOf(b, 256 * 1024);
            byte[] noise = new byte[out.length - 2048];
            new Random(5).nextBytes(noise);
            System.arraycopy(noise, 0, out, 2048, noise.length);
            return out;
        });
        try {
            MediaInfo info = new MediaInfoStore(metadata()).get(noisy, "d4");
            try (KeyframeStore store = new KeyframeStore(metadata())) {
                KeyframeIndex index = store.get(noisy, "d4", info);
                try {
                    assertTrue(index.completion().join().length() >= 1);
                } catch (CompletionException e) {
                    assertInstanceOf(MediaException.class, e.getCause());
                }
            }
        } catch (MediaException expected) {
            assertTrue(expected.getMessage().contains("noisy.mkv"), expected.getMessage());
        }
    }
}
