package org.kyoo.transcoder.engine.thumbnails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.Stamp;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class ThumbnailSpriteTest {
    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)\\.000 --> (\\d\\d):(\\d\\d):(\\d\\d)\\.000\n(.*)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    @TempDir
    Path metadata;

    private ThumbnailSprite sprites() {
        return new ThumbnailSprite(new LocalStore(metadata));
    }

    /** Where the store keeps the sprite: the picture's folder, its map beside it. */
    private static Path folderOf(ThumbnailSprite.Sprite sprite) {
        Path png = ((Stored.LocalFile) sprite.png()).path();
        assertEquals(png.resolveSibling(ThumbnailSprite.VTT), ((Stored.LocalFile) sprite.vtt()).path());
        return png.getParent();
    }

    /** One VTT cue as a viewer's player reads it. */
    record Cue(int start, int end, String link, int x, int y, int w, int h) {}

    @Test
    void spriteAndVttFollowTheGeometryAndEachTileShowsTheKeyframeAtOrBeforeItsTime() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        Path folder = folderOf(sprites().sprite(fixture.path(), "a").get(60, TimeUnit.SECONDS));

        // 30 s of 320x180: three captures 10 s apart, one column of 256x144 tiles.
        List<Cue> cues = cues(folder);
        assertEquals(3, cues.size());
        BufferedImage sprite = ImageIO.read(folder.resolve(ThumbnailSprite.PNG).toFile());
        assertEquals(1 * 256, sprite.getWidth());
        assertEquals(3 * 144, sprite.getHeight());
        // the picture beside the map: the server's route points the cues at itself (its SpriteMapTest)
        String link = ThumbnailSprite.PNG;
        for (int i = 0; i < cues.size(); i++) {
            assertEquals(new Cue(i * 10, i * 10 + 10, link, 0, i * 144, 256, 144), cues.get(i));
        }
        assertTilesShowTheirKeyframes(sprite, cues, fixture.spec().video().keyframes(), fixture.spec().startTime());
    }

    @Test
    void bothDecodersFillTheirHalfOfALongerSprite() throws Exception {
        // 130 s with a keyframe every second: 13 captures in 3 columns, split between two demuxers.
        Fixture fixture = TestMedia.manySegments();
        Path folder = folderOf(sprites().sprite(fixture.path(), "b").get(60, TimeUnit.SECONDS));

        List<Cue> cues = cues(folder);
        assertEquals(13, cues.size());
        BufferedImage sprite = ImageIO.read(folder.resolve(ThumbnailSprite.PNG).toFile());
        assertEquals(3 * 256, sprite.getWidth());
        assertEquals(5 * 144, sprite.getHeight());
        assertEquals(new Cue(120, 130, cues.get(0).link(), 0, 4 * 144, 256, 144), cues.get(12));
        assertTilesShowTheirKeyframes(sprite, cues, fixture.spec().video().keyframes(), fixture.spec().startTime());
    }

    static Stream<Supplier<Fixture>> otherContainers() {
        return Stream.of(TestMedia::mp4, TestMedia::variableFrameRate, TestMedia::mp4WithoutBFrames);
    }

    @ParameterizedTest
    @MethodSource("otherContainers")
    void tilesShowTheKeyframeAtOrBeforeTheirTimeInOtherContainers(Supplier<Fixture> make) throws Exception {
        Fixture fixture = make.get();
        Path folder = folderOf(sprites().sprite(fixture.path(), "o").get(60, TimeUnit.SECONDS));

        List<Cue> cues = cues(folder);
        assertEquals((int) fixture.spec().duration() / 10, cues.size());
        BufferedImage sprite = ImageIO.read(folder.resolve(ThumbnailSprite.PNG).toFile());
        assertTilesShowTheirKeyframes(sprite, cues, fixture.spec().video().keyframes(), fixture.spec().startTime());
    }

    @Test
    void capturesAreTakenOnTheFilesOwnTimelineWhenItDoesNotStartAtZero() throws Exception {
        Fixture fixture = TestMedia.mpegTsOffset();
        Path folder = folderOf(sprites().sprite(fixture.path(), "c").get(60, TimeUnit.SECONDS));

        List<Cue> cues = cues(folder);
        assertEquals(2, cues.size());
        BufferedImage sprite = ImageIO.read(folder.resolve(ThumbnailSprite.PNG).toFile());
        assertTilesShowTheirKeyframes(sprite, cues, fixture.spec().video().keyframes(), fixture.spec().startTime());
    }

    @Test
    void aFileShorterThanTenSecondsGetsOneCapture() throws Exception {
        Fixture clip = TestMedia.shortClip();
        assertTrue(clip.spec().duration() < 10);
        Path folder = folderOf(sprites().sprite(clip.path(), "d").get(60, TimeUnit.SECONDS));

        List<Cue> cues = cues(folder);
        assertEquals(1, cues.size());
        assertEquals(0, cues.get(0).start());
        assertEquals(5, cues.get(0).end());
        BufferedImage sprite = ImageIO.read(folder.resolve(ThumbnailSprite.PNG).toFile());
        assertEquals(256, sprite.getWidth());
        assertEquals(144, sprite.getHeight());
        assertEquals(0, stampOf(sprite, cues.get(0)));
    }

    @Test
    void aFileWithoutVideoFailsWithNoVideo() {
        for (Fixture fixture : List.of(TestMedia.audioOnly(), TestMedia.coverPicture())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> sprites().sprite(fixture.path(), "e").get(60, TimeUnit.SECONDS));
            MediaException cause = assertInstanceOf(MediaException.class, e.getCause(), fixture.path().toString());
            assertEquals(MediaException.Kind.NO_VIDEO, cause.kind());
        }
        assertTrue(Files.notExists(metadata.resolve("e").resolve(ThumbnailSprite.PNG)));
    }

    @Test
    void concurrentFirstRequestsMakeOneSprite() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        ThumbnailSprite sprites = sprites();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<Path>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return sprites.sprite(fixture.path(), "f").thenApply(ThumbnailSpriteTest::folderOf);
            }));
        }
        go.countDown();
        for (var call : calls) assertEquals(metadata.resolve("f"), call.get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS));

        assertEquals(1, sprites.runsStarted());
        ThumbnailSprite afterRestart = sprites();
        afterRestart.sprite(fixture.path(), "f").get(60, TimeUnit.SECONDS);
        assertEquals(0, afterRestart.runsStarted());
    }

    private static void assertTilesShowTheirKeyframes(BufferedImage sprite, List<Cue> cues, double[] keyframes, double startTime) {
        for (Cue cue : cues) {
            double time = startTime + cue.start();
            double expected = keyframes[0];
            for (double k : keyframes) if (k <= time + 1e-9) expected = k;
            assertEquals(Math.round(expected * 1000), stampOf(sprite, cue), "tile of the cue at " + cue.start() + " s");
        }
    }

    private static long stampOf(BufferedImage sprite, Cue cue) {
        int[] rgb = sprite.getRGB(cue.x(), cue.y(), cue.w(), cue.h(), null, 0, cue.w());
        return Stamp.readRgb(rgb, cue.w(), cue.h());
    }

    private static List<Cue> cues(Path folder) throws Exception {
        String vtt = Files.readString(folder.resolve(ThumbnailSprite.VTT), StandardCharsets.UTF_8);
        assertTrue(vtt.startsWith("WEBVTT\n\n"), vtt);
        List<Cue> cues = new ArrayList<>();
        String[] blocks = vtt.substring("WEBVTT\n\n".length()).split("\n\n");
        for (String block : blocks) {
            Matcher m = CUE.matcher(block);
            assertTrue(m.matches(), block);
            cues.add(new Cue(seconds(m, 1), seconds(m, 4), m.group(7),
                    Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9)),
                    Integer.parseInt(m.group(10)), Integer.parseInt(m.group(11))));
        }
        return cues;
    }

    private static int seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2));
    }
}
