package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaProber;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.thumbnails.ThumbnailSprite;
import org.kyoo.transcoder.server.playlists.LinkQuery;
import org.kyoo.transcoder.server.playlists.MetadataLinks;

/**
 * The links the server writes over what the real prober and sprite maker give: those the engine
 * wrote before it left URLs to the server (its MediaProberTest, SidecarSubtitlesTest and
 * ThumbnailSpriteTest asserted these), the same to the byte.
 */
class MetadataLinksOnRealMediaTest {
    private static final String PREFIX = "/api/video";

    @TempDir
    Path folder;

    static Stream<Arguments> fixtures() {
        return Stream.<Supplier<Fixture>>of(TestMedia::multiTrackMkv, TestMedia::mp4, TestMedia::mp4WithoutBFrames,
                        TestMedia::mpegTsOffset, TestMedia::variableFrameRate, TestMedia::audioOnly, TestMedia::coverPicture)
                .map(Supplier::get)
                .map(f -> Arguments.of(f.path().getFileName().toString(), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void subtitlesAndFontsAreLinkedUnderThePrefixAndThePathInBase64(String name, Fixture fixture) {
        FixtureSpec spec = fixture.spec();
        MediaInfo info = new MetadataLinks(PREFIX).on(new MediaProber().probe(fixture.path(), "sha-" + name), LinkQuery.NONE);

        String b64 = Base64.getEncoder().encodeToString(fixture.path().toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(spec.subtitles().size(), info.subtitles().size());
        for (int i = 0; i < spec.subtitles().size(); i++) {
            FixtureSpec.SubtitleSpec expected = spec.subtitles().get(i);
            MediaInfo.Subtitle subtitle = info.subtitles().get(i);
            String extension = expected.codec().equals("subrip") ? "srt" : expected.codec();
            assertEquals(PREFIX + "/" + b64 + "/subtitle/" + i + "." + extension, subtitle.link());
        }

        assertEquals(spec.attachments().stream().map(a -> PREFIX + "/" + b64 + "/attachment/" + a.filename()).toList(),
                info.fonts());
    }

    @Test
    void theInfoListsSidecarsAfterTheFileOwnTracksAsExternalLinkedSubtitles() throws Exception {
        Path video = Files.createSymbolicLink(folder.resolve("Film.mkv"), TestMedia.multiTrackMkv().path());
        Files.writeString(folder.resolve("Film.en.sdh.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n");
        Files.writeString(folder.resolve("Film.fr.forced.ass"), "x");
        MediaProber prober = new MediaProber();

        List<MediaInfo.Subtitle> subtitles = new MetadataLinks("/p").on(prober.probe(video, "s"), LinkQuery.NONE).subtitles();

        assertEquals(4, subtitles.size(), subtitles.toString());
        assertFalse(subtitles.get(0).isExternal());
        assertFalse(subtitles.get(1).isExternal());
        String b64 = Base64.getEncoder().encodeToString(video.toString().getBytes(StandardCharsets.UTF_8));
        MediaInfo.Subtitle sdh = subtitles.get(2);
        assertEquals(new MediaInfo.Subtitle(2, null, "en", "subrip", "srt", false, false,
                "/p/" + b64 + "/subtitle/2.srt", true, true), sdh);
        MediaInfo.Subtitle forced = subtitles.get(3);
        assertEquals(new MediaInfo.Subtitle(3, null, "fr", "ass", "ass", false, true,
                "/p/" + b64 + "/subtitle/3.ass", false, true), forced);
    }

    @Test
    void theSpriteMapPointsEveryCueAtTheFilesThumbnailsRoute() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        LocalStore metadata = new LocalStore(folder.resolve("metadata"));
        ThumbnailSprite.Sprite sprite = new ThumbnailSprite(metadata).sprite(fixture.path(), "a").get(60, TimeUnit.SECONDS);
        String stored = Files.readString(((Stored.LocalFile) sprite.vtt()).path(), StandardCharsets.UTF_8);

        String map = new MetadataLinks("/api").spriteMap(stored, fixture.path());

        String link = "/api/" + Base64.getEncoder().encodeToString(fixture.path().toString().getBytes(StandardCharsets.UTF_8));
        // 30 s of 320x180: three captures 10 s apart, one column of 256x144 tiles
        assertEquals("WEBVTT\n\n"
                + "00:00:00.000 --> 00:00:10.000\n" + link + "/thumbnails.png#xywh=0,0,256,144\n\n"
                + "00:00:10.000 --> 00:00:20.000\n" + link + "/thumbnails.png#xywh=0,144,256,144\n\n"
                + "00:00:20.000 --> 00:00:30.000\n" + link + "/thumbnails.png#xywh=0,288,256,144\n\n", map);
    }
}
