package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.MetadataFiles;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/**
 * A file with several video tracks (upstream Kyoo's table): each track is its own set of
 * renditions, cut on its own keyframes, made of its own pictures, whichever other track plays.
 * Track 0 of the fixture is 320x180 at 25 fps, track 1 192x108 at 20 fps with other keyframes.
 */
class VideoTracksTest {
    @TempDir Path root;
    private KeyframeStore keyframes;
    private Transcoder transcoder;
    private EngineSettings settings;

    @BeforeEach
    void start() {
        settings = Fixtures.settings(root.resolve("cache"));
        keyframes = new KeyframeStore(new LocalStore(settings.metadataRoot()));
        transcoder = new Transcoder(settings, new MediaInfoStore(new LocalStore(settings.metadataRoot())), keyframes);
    }

    @AfterEach
    void stop() {
        transcoder.close();
        keyframes.close();
    }

    private FileStream open(Fixture f) {
        return transcoder.fileStream(f.path(), FileIdentity.sha(f.path()));
    }

    private static Path get(CompletableFuture<Stored> f) throws Exception {
        return ((Stored.LocalFile) f.get(120, TimeUnit.SECONDS)).path();
    }

    @Test
    void eachVideoTrackHasItsOwnKeyframesSavedApart() throws Exception {
        Fixture f = TestMedia.twoVideoTracks();
        FileStream stream = open(f);
        assertEquals(2, stream.info().videos().size());
        assertEquals(192, stream.info().videos().get(1).width());
        assertArrayEquals(f.spec().video().keyframes(), stream.keyframes(0).toArray(), 0.001, "track 0: the file's keyframes");
        double[] second = TestMedia.secondVideoTrack().keyframes();
        assertArrayEquals(new double[] {0, 1.4, 3.2, 6, 7.6, 10.4}, second, 0.001);
        assertArrayEquals(second, stream.keyframes(1).completion().get(60, TimeUnit.SECONDS).toArray(), 0.001, "track 1: its own");
        String sha = FileIdentity.sha(f.path());
        assertArrayEquals(second, MetadataFiles.readKeyframes(MetadataFiles.keyframesFile(settings.metadataRoot(), sha, 1)), 0.001);
        assertArrayEquals(f.spec().video().keyframes(),
                MetadataFiles.readKeyframes(MetadataFiles.keyframesFile(settings.metadataRoot(), sha)), 0.001,
                "keyframes.json still holds the first track's");
    }

    @Test
    void theSecondTracksOriginalIsItsPicturesCutOnItsKeyframes() throws Exception {
        Fixture f = TestMedia.twoVideoTracks();
        FileStream stream = open(f);
        FixtureSpec.VideoSpec track = TestMedia.secondVideoTrack();
        double[] kf = track.keyframes();
        Rendition original = Rendition.videoOriginal(1);
        Path init = get(stream.init(original));
        long scale = Boxes.timescale(init);
        List<Boxes.Fragment> fragments = new ArrayList<>();
        for (int n = 0; n < kf.length; n++) {
            Path segment = get(stream.segment(original, n));
            Boxes.Fragment fragment = Boxes.fragment(segment);
            fragments.add(fragment);
            double firstShown = (fragment.baseMediaDecodeTime() + fragment.samples().get(0).compositionOffset()) / (double) scale;
            assertEquals(kf[n], firstShown, 0.001, "segment " + n + " opens on track 1's keyframe");
            assertTrue(Boxes.opensOnIdr(fragment), "segment " + n + " opens on an IDR");
            WrittenSegment decoded = WrittenSegment.read(Boxes.joined(init, segment, root.resolve("joined-" + n + ".mp4")));
            assertEquals(192, decoded.width(), "segment " + n + " holds track 1's pictures");
            assertEquals(108, decoded.height());
            double end = n + 1 < kf.length ? kf[n + 1] : f.spec().duration();
            assertEquals(Math.round((end - kf[n]) / 0.05), decoded.times().size(), "segment " + n + ": every 20 fps frame of its span");
        }
        Fmp4SegmentsTest.assertContinuous(fragments);
    }

    @Test
    void bothTracksHeadsRunAtOnceEachOnItsOwnTrack() throws Exception {
        Fixture f = TestMedia.twoVideoTracks();
        FileStream stream = open(f);
        double[] kf0 = f.spec().video().keyframes();
        double[] kf1 = TestMedia.secondVideoTrack().keyframes();
        Rendition first = Rendition.video(0, Quality.P240);
        Rendition second = Rendition.video(1, Quality.P240);
        // asked together: two heads, one per track, of the same quality
        CompletableFuture<Stored> a = stream.segment(first, 2);
        CompletableFuture<Stored> b = stream.segment(second, 2);
        CompletableFuture<Stored> c = stream.segment(Rendition.videoOriginal(0), 2);
        Path segA = get(a);
        Path segB = get(b);
        get(c);
        Boxes.Fragment fa = Boxes.fragment(segA);
        Boxes.Fragment fb = Boxes.fragment(segB);
        long scaleA = Boxes.timescale(get(stream.init(first)));
        long scaleB = Boxes.timescale(get(stream.init(second)));
        assertEquals(Math.round(kf0[2] * scaleA), fa.baseMediaDecodeTime(), "track 0's segment 2 starts at its keyframe 2");
        assertEquals(Math.round(kf1[2] * scaleB), fb.baseMediaDecodeTime(), "track 1's segment 2 starts at its own keyframe 2");
        WrittenSegment da = WrittenSegment.read(Boxes.joined(get(stream.init(first)), segA, root.resolve("a.mp4")));
        WrittenSegment db = WrittenSegment.read(Boxes.joined(get(stream.init(second)), segB, root.resolve("b.mp4")));
        // both are 240p now: the frame times tell the 25 fps track from the 20 fps one
        assertEquals(Math.round((kf0[3] - kf0[2]) / 0.04), da.times().size(), "25 fps pictures of track 0");
        assertEquals(Math.round((kf1[3] - kf1[2]) / 0.05), db.times().size(), "20 fps pictures of track 1");
        assertEquals(240, db.height());

        // and each goes on continuously from there
        List<Boxes.Fragment> following = new ArrayList<>(List.of(fb));
        for (int n = 3; n < kf1.length; n++) following.add(Boxes.fragment(get(stream.segment(second, n))));
        Fmp4SegmentsTest.assertContinuous(following);
    }

    @Test
    void aTrackTheFileDoesNotHaveIsABadRequest() {
        FileStream stream = open(TestMedia.twoVideoTracks());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> stream.segment(Rendition.videoOriginal(2), 0).get(10, TimeUnit.SECONDS));
        MediaException cause = assertInstanceOf(MediaException.class, e.getCause());
        assertEquals(MediaException.Kind.BAD_REQUEST, cause.kind());
    }

    @Test
    void afterATracksScanFailsTheNextRequestsSegmentsAreCutWhereItsPlaylistSays() throws Exception {
        Fixture f = TestMedia.twoVideoTracks();
        double[] kf = TestMedia.secondVideoTrack().keyframes();
        // the store's scans of track 1: the first fails after its first batch, the next reads them all
        KeyframeIndex failing = new KeyframeIndex();
        failing.append(kf, 2);
        List<KeyframeIndex> scans = new ArrayList<>(List.of(failing, KeyframeIndex.complete(kf)));
        FileStream stream = new FileStream(f.path(), new MediaInfoStore(new LocalStore(settings.metadataRoot())).get(f.path(), FileIdentity.sha(f.path())),
                KeyframeIndex.complete(f.spec().video().keyframes()), track -> scans.get(0),
                Fixtures.environment(root.resolve("segments"), settings, org.kyoo.transcoder.engine.pipelines.VideoPipeline.FrameObserver.NONE, Scheduler.withDefaults()));
        Rendition original = Rendition.videoOriginal(1);
        Path first = get(stream.segment(original, 0));
        long scale = Boxes.timescale(get(stream.init(original)));
        assertEquals(Math.round((kf[1] - kf[0]) / 0.05), Boxes.fragment(first).samples().size());

        failing.fail(new java.io.IOException("read error"));
        scans.remove(0); // the store drops a failed index: the next request scans again
        double[] playlist = stream.keyframes(1).toArray();
        assertArrayEquals(kf, playlist, 0.001, "the follow-up playlist lists every keyframe of track 1");
        for (int n = 1; n < playlist.length; n++) {
            Boxes.Fragment fragment = Boxes.fragment(get(stream.segment(original, n)));
            double firstShown = (fragment.baseMediaDecodeTime() + fragment.samples().get(0).compositionOffset()) / (double) scale;
            assertEquals(playlist[n], firstShown, 0.001, "segment " + n + " starts where the playlist says");
            double end = n + 1 < playlist.length ? playlist[n + 1] : f.spec().duration();
            assertEquals(Math.round((end - playlist[n]) / 0.05), fragment.samples().size(), "segment " + n + " ends where the playlist says");
        }
        stream.kill();
        assertTrue(stream.awaitHeads(java.time.Duration.ofSeconds(30)));
    }

    @Test
    void aTrackOutOfRangeHasNoKeyframes() {
        FileStream stream = open(TestMedia.twoVideoTracks());
        for (int track : new int[] {-1, 2}) {
            MediaException e = org.junit.jupiter.api.Assertions.assertThrows(MediaException.class, () -> stream.keyframes(track));
            assertEquals(MediaException.Kind.BAD_REQUEST, e.kind(), "track " + track);
        }
    }
}
