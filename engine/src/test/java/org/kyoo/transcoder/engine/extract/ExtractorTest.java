package org.kyoo.transcoder.engine.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaProber;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class ExtractorTest {
    @TempDir
    Path metadata;

    private LocalExtractor extractor() {
        return new LocalExtractor(metadata);
    }

    @Test
    void srtSubtitleIsCopiedCueByCue() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        String srt = Files.readString(extractor.subtitleFile("a", "0.srt"), StandardCharsets.UTF_8);
        assertCues(fixture.spec().subtitles().get(0).cues(), SubtitleCues.fromSrt(srt), 0.001);
    }

    @Test
    void assSubtitleIsCopiedCueByCueWithItsHeader() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        String ass = Files.readString(extractor.subtitleFile("a", "1.ass"), StandardCharsets.UTF_8);
        // ASS times are in centiseconds.
        assertCues(fixture.spec().subtitles().get(1).cues(), SubtitleCues.fromAss(ass), 0.01);
        String header = SubtitleCues.assHeader(ass);
        assertTrue(header.contains("PlayResX: 320"), header);
        assertTrue(header.contains("Style: Default,Test Font,16"), header);
    }

    @Test
    void webVttSubtitleIsCopiedCueByCue() throws Exception {
        Fixture fixture = TestMedia.webVttMkv();
        List<Cue> cues = fixture.spec().subtitles().get(0).cues();
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "v", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        String vtt = Files.readString(extractor.subtitleFile("v", "0.vtt"), StandardCharsets.UTF_8);
        assertTrue(vtt.startsWith("WEBVTT"), vtt);
        assertEquals(2, cues.size());
        assertCues(cues, SubtitleCues.fromWebVtt(vtt), 0.001);
    }

    @Test
    void fontIsWrittenByteForByteUnderItsName() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        FixtureSpec.AttachmentSpec font = fixture.spec().attachments().get(0);
        assertArrayEquals(font.data(), Files.readAllBytes(extractor.attachmentFile("a", font.filename())));
    }

    @Test
    void theProbesInfoLeadsToTheFilesItLinks() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        MediaInfo probed = new MediaProber().probe(fixture.path(), "p");
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "p", probed).get(60, TimeUnit.SECONDS);

        for (MediaInfo.Subtitle subtitle : probed.subtitles()) {
            // what the server's link ends with: /subtitle/{index}.{extension}
            String name = subtitle.index() + "." + subtitle.extension();
            assertTrue(Files.size(extractor.subtitleFile("p", name)) > 0, subtitle.link());
        }
        for (String font : probed.fonts()) {
            String name = font.substring(font.lastIndexOf('/') + 1);
            assertTrue(Files.size(extractor.attachmentFile("p", name)) > 0, font);
        }
        assertEquals(2, probed.subtitles().size());
        assertEquals(1, probed.fonts().size());
    }

    @Test
    void onlyFinishedFilesAreLeftInTheFolders() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        assertEquals(List.of("0.srt", "1.ass"), names(metadata.resolve("a/sub")));
        assertEquals(List.of("Test Font.ttf"), names(metadata.resolve("a/att")));
    }

    @Test
    void concurrentFirstRequestsShareOneExtraction() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        MediaInfo info = FixtureInfo.of(fixture);
        LocalExtractor extractor = extractor();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return extractor.extract(fixture.path(), "a", info);
            }));
        }
        go.countDown();
        for (var call : calls) call.get(60, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        extractor.extract(fixture.path(), "a", info).get(60, TimeUnit.SECONDS);

        assertEquals(1, extractor.runsStarted());
        assertTrue(Files.exists(extractor.subtitleFile("a", "0.srt")));
    }

    @Test
    void aFinishedExtractionIsReusedByTheNextProcess() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        extractor().extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        LocalExtractor afterRestart = extractor();
        afterRestart.extract(fixture.path(), "a", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);
        assertEquals(0, afterRestart.runsStarted());
    }

    @Test
    void aFileWithoutSubtitlesIsNotRead() throws Exception {
        Fixture fixture = TestMedia.mp4();
        LocalExtractor extractor = extractor();
        CompletableFuture<Void> done = extractor.extract(fixture.path(), "b", FixtureInfo.of(fixture));

        assertTrue(done.isDone());
        done.get();
        assertEquals(0, extractor.runsStarted());
        assertFalse(Files.exists(metadata.resolve("b/sub")));
    }

    @Test
    void aFailedExtractionIsReportedAndRetriedOnTheNextCall() {
        Fixture fixture = TestMedia.multiTrackMkv();
        MediaInfo claimsSubtitles = FixtureInfo.of(fixture);
        LocalExtractor extractor = extractor();

        ExecutionException first = assertThrows(ExecutionException.class,
                () -> extractor.extract(TestMedia.randomBytes(), "c", claimsSubtitles).get(60, TimeUnit.SECONDS));
        MediaException cause = assertInstanceOf(MediaException.class, first.getCause());
        assertEquals(MediaException.Kind.NOT_MEDIA, cause.kind());

        assertThrows(ExecutionException.class,
                () -> extractor.extract(TestMedia.randomBytes(), "c", claimsSubtitles).get(60, TimeUnit.SECONDS));
        assertEquals(2, extractor.runsStarted());
    }

    @Test
    void aTruncatedFileStillGivesTheCuesBeforeTheCut() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalExtractor extractor = extractor();
        extractor.extract(TestMedia.truncated(), "t", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        List<Cue> all = fixture.spec().subtitles().get(0).cues();
        List<Cue> got = SubtitleCues.fromSrt(Files.readString(extractor.subtitleFile("t", "0.srt"), StandardCharsets.UTF_8));
        assertFalse(got.isEmpty());
        assertTrue(got.size() <= all.size());
        assertCues(all.subList(0, got.size()), got, 0.001);
    }

    @Test
    void anAttachmentNameCannotLeaveItsFolder() throws Exception {
        Fixture fixture = TestMedia.hostileAttachmentMkv();
        assertEquals("../../escaped.ttf", fixture.spec().attachments().get(0).filename());
        LocalExtractor extractor = extractor();
        extractor.extract(fixture.path(), "d", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        assertEquals(List.of("escaped.ttf"), names(metadata.resolve("d/att")));
        assertArrayEquals(fixture.spec().attachments().get(0).data(),
                Files.readAllBytes(extractor.attachmentFile("d", "escaped.ttf")));
        assertFalse(Files.exists(metadata.resolve("escaped.ttf")));
        assertFalse(Files.exists(metadata.getParent().resolve("escaped.ttf")));
    }

    @Test
    void theStoreHandsOutWhatWasExtractedAndNothingElse() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        Extractor extractor = new Extractor(new LocalStore(metadata));
        extractor.extract(fixture.path(), "s", FixtureInfo.of(fixture)).get(60, TimeUnit.SECONDS);

        Stored.LocalFile srt = assertInstanceOf(Stored.LocalFile.class, extractor.subtitle("s", "0.srt").orElseThrow());
        assertEquals(metadata.resolve("s/sub/0.srt"), srt.path());
        assertEquals(Files.size(srt.path()), srt.size());
        Stored font = extractor.attachment("s", "Test Font.ttf").orElseThrow();
        assertArrayEquals(fixture.spec().attachments().get(0).data(), Files.readAllBytes(((Stored.LocalFile) font).path()));
        assertTrue(extractor.subtitle("s", "7.srt").isEmpty());
        assertEquals(MediaException.Kind.BAD_REQUEST,
                assertThrows(MediaException.class, () -> extractor.attachment("s", "../info.json")).kind());
    }

    @Test
    void routeNamesWithAPathInThemAreRefused() {
        LocalExtractor extractor = extractor();
        for (String name : List.of("../info.json", "a/b.srt", "..", "", "a\\b")) {
            MediaException e = assertThrows(MediaException.class, () -> extractor.subtitleFile("a", name), name);
            assertEquals(MediaException.Kind.BAD_REQUEST, e.kind());
            assertThrows(MediaException.class, () -> extractor.attachmentFile("a", name), name);
        }
        assertEquals(metadata.resolve("a/sub/0.srt"), extractor.subtitleFile("a", "0.srt"));
        assertEquals(metadata.resolve("a/att/Test Font.ttf"), extractor.attachmentFile("a", "Test Font.ttf"));
    }

    private static void assertCues(List<Cue> expected, List<Cue> actual, double tolerance) {
        assertEquals(expected.size(), actual.size(), "cue count: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Cue want = expected.get(i), got = actual.get(i);
            assertEquals(want.start(), got.start(), tolerance, "start of cue " + i);
            assertEquals(want.end(), got.end(), tolerance, "end of cue " + i);
            assertEquals(want.text(), got.text(), "text of cue " + i);
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
