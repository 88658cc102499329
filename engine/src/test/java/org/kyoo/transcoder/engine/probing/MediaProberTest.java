package org.kyoo.transcoder.engine.probing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.media.Languages;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;

class MediaProberTest {
    private final MediaProber prober = new MediaProber();

    static Stream<Arguments> fixtures() {
        return Stream.<Supplier<Fixture>>of(TestMedia::multiTrackMkv, TestMedia::mp4, TestMedia::mp4WithoutBFrames,
                        TestMedia::mpegTsOffset, TestMedia::variableFrameRate, TestMedia::audioOnly, TestMedia::coverPicture)
                .map(Supplier::get)
                .map(f -> Arguments.of(f.path().getFileName().toString(), f));
    }

    @Test
    void everyVideoTrackIsListedWithItsIndexTheFirstBeingTheVideo() {
        Fixture f = TestMedia.twoVideoTracks();
        MediaInfo info = prober.probe(f.path(), "sha-two");
        assertEquals(2, info.videos().size());
        MediaInfo.Video first = info.videos().get(0);
        MediaInfo.Video second = info.videos().get(1);
        assertEquals(first, info.video(), "the first track is the file's video");
        assertEquals(List.of(0, 1), List.of(first.index(), second.index()));
        assertEquals(List.of(320, 192), List.of(first.width(), second.width()));
        assertEquals(List.of(180, 108), List.of(first.height(), second.height()));
        assertEquals("en", first.language());
        assertEquals("ja", second.language());
        assertEquals("240p", second.quality());
        assertTrue(second.mimeCodec().startsWith("avc1.6400"), second.mimeCodec());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mediaInfoSaysWhatTheMuxerWasToldToWrite(String name, Fixture fixture) {
        FixtureSpec spec = fixture.spec();
        MediaInfo info = prober.probe(fixture.path(), "sha-" + name);

        assertEquals("sha-" + name, info.sha());
        assertEquals(fixture.path().toString(), info.path());
        assertEquals(name.substring(name.lastIndexOf('.') + 1), info.extension());
        assertEquals(fixture.path().toFile().length(), info.size());
        assertEquals(spec.duration(), info.duration(), 0.05, "duration");

        if (spec.video() == null) {
            assertNull(info.video(), "a cover picture or no video is not a video");
            assertEquals(List.of(), info.videos());
        } else {
            assertEquals(1, info.videos().size());
            MediaInfo.Video video = info.video();
            assertEquals(spec.video().codec(), video.codec());
            assertEquals(spec.video().width(), video.width());
            assertEquals(spec.video().height(), video.height());
            assertEquals(Quality.fromHeight(spec.video().height()).label(), video.quality());
            assertEquals(Languages.toBcp47(spec.video().language()), video.language());
            assertTrue(video.mimeCodec().startsWith("avc1.6400"), video.mimeCodec());
            assertTrue(video.bitrate() > 0, "bit rate of the stream or the container");
        }

        assertEquals(spec.audios().size(), info.audios().size());
        for (int i = 0; i < spec.audios().size(); i++) {
            FixtureSpec.AudioSpec expected = spec.audios().get(i);
            MediaInfo.Audio audio = info.audios().get(i);
            assertEquals(i, audio.index());
            assertEquals(expected.codec(), audio.codec());
            assertEquals(expected.channels(), audio.channels());
            assertEquals(Languages.toBcp47(expected.language()), audio.language());
            assertEquals(expected.title(), audio.title());
            assertEquals(expected.isDefault(), audio.isDefault(), "default flag of audio " + i);
            assertEquals(expected.isForced(), audio.isForced(), "forced flag of audio " + i);
            assertNotNull(audio.mimeCodec());
        }

        assertEquals(spec.subtitles().size(), info.subtitles().size());
        for (int i = 0; i < spec.subtitles().size(); i++) {
            FixtureSpec.SubtitleSpec expected = spec.subtitles().get(i);
            MediaInfo.Subtitle subtitle = info.subtitles().get(i);
            String extension = expected.codec().equals("subrip") ? "srt" : expected.codec();
            assertEquals(i, subtitle.index());
            assertEquals(expected.codec(), subtitle.codec());
            assertEquals(extension, subtitle.extension());
            assertEquals(Languages.toBcp47(expected.language()), subtitle.language());
            assertEquals(expected.title(), subtitle.title());
            assertEquals(expected.isDefault(), subtitle.isDefault());
            assertEquals(expected.isForced(), subtitle.isForced());
            assertNull(subtitle.link(), "the server writes the links");
        }

        assertEquals(spec.attachments().stream().map(FixtureSpec.AttachmentSpec::filename).toList(), info.fonts(),
                "the attachments' names; the server writes the links");

        assertEquals(spec.chapters().size(), info.chapters().size());
        for (int i = 0; i < spec.chapters().size(); i++) {
            assertEquals(spec.chapters().get(i).start(), info.chapters().get(i).startTime(), 0.001);
            assertEquals(spec.chapters().get(i).end(), info.chapters().get(i).endTime(), 0.001);
            assertEquals(spec.chapters().get(i).title(), info.chapters().get(i).name());
        }
    }

    @Test
    void multiTrackMatroskaInDetail() {
        Fixture mkv = TestMedia.multiTrackMkv();
        MediaInfo info = prober.probe(mkv.path(), "sha");
        assertEquals("matroska,webm", info.container());
        assertEquals("avc1.64000c", info.video().mimeCodec());
        assertEquals("video/x-matroska; codecs=\"avc1.64000c, mp4a.40.2\"", info.mimeCodec());
        assertEquals(List.of("en", "fr"), info.audios().stream().map(MediaInfo.Audio::language).toList());
        assertEquals(List.of("mp4a.40.2", "mp4a.a5"), info.audios().stream().map(MediaInfo.Audio::mimeCodec).toList());
        assertEquals(List.of(2, 6), info.audios().stream().map(MediaInfo.Audio::channels).toList());
        assertEquals(List.of("en", "fr"), info.subtitles().stream().map(MediaInfo.Subtitle::language).toList());
        // Matroska gives no stream bit rate: the container's, size over duration
        assertEquals((long) (info.size() * 8 / info.duration()), info.video().bitrate(), 1);
    }

    @Test
    void mp4KeepsItsStreamBitRateAndMimeType() {
        MediaInfo info = prober.probe(TestMedia.mp4().path(), "sha");
        assertEquals("video/mp4; codecs=\"avc1.64000c, mp4a.40.2\"", info.mimeCodec());
        assertEquals("ja", info.audios().get(0).language());
        assertTrue(info.video().bitrate() < info.size() * 8 / info.duration(), "the video stream's own bit rate");
    }

    @Test
    void mpegTsStartingLaterReportsItsLengthNotItsEnd() {
        MediaInfo info = prober.probe(TestMedia.mpegTsOffset().path(), "sha");
        assertEquals("mpegts", info.container());
        assertEquals("video/mp2t; codecs=\"avc1.64000c, mp4a.40.2\"", info.mimeCodec());
    }

    @Test
    void audioOnlyFilesHaveNoVideoAndAnAudioMimeType() {
        MediaInfo m4a = prober.probe(TestMedia.audioOnly().path(), "sha");
        assertEquals("audio/mp4; codecs=\"mp4a.40.2\"", m4a.mimeCodec());
        MediaInfo mp3 = prober.probe(TestMedia.coverPicture().path(), "sha");
        assertEquals("audio/mpeg; codecs=\"mp4a.40.34\"", mp3.mimeCodec());
    }

    @Test
    void aTruncatedFileIsStillDescribedFromItsHeaders() {
        MediaInfo info = prober.probe(TestMedia.truncated(), "sha");
        assertEquals(2, info.audios().size());
        assertEquals(320, info.video().width());
    }

    @Test
    void mediaWithoutAudioOrVideoIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path subtitles = tmp.resolve("subs.srt");
        java.nio.file.Files.writeString(subtitles, "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n");
        MediaException error = assertThrows(MediaException.class, () -> prober.probe(subtitles, "sha"));
        assertEquals(MediaException.Kind.NO_STREAMS, error.kind());
        assertTrue(error.getMessage().contains("subs.srt"), error.getMessage());
    }

    @Test
    void aFolderIsUnreadable(@org.junit.jupiter.api.io.TempDir Path tmp) {
        assertEquals(MediaException.Kind.UNREADABLE,
                assertThrows(MediaException.class, () -> prober.probe(tmp, "sha")).kind());
    }

    @Test
    void brokenFilesSayWhy() {
        assertEquals(MediaException.Kind.NOT_MEDIA,
                assertThrows(MediaException.class, () -> prober.probe(TestMedia.randomBytes(), "sha")).kind());
        assertEquals(MediaException.Kind.NOT_MEDIA,
                assertThrows(MediaException.class, () -> prober.probe(TestMedia.text(), "sha")).kind());
        MediaException empty = assertThrows(MediaException.class, () -> prober.probe(TestMedia.empty(), "sha"));
        assertEquals(MediaException.Kind.NOT_MEDIA, empty.kind());
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        MediaException missing = assertThrows(MediaException.class,
                () -> prober.probe(TestMedia.dir().resolve("no-such-file.mkv"), "sha"));
        assertEquals(MediaException.Kind.NOT_FOUND, missing.kind());
        assertTrue(missing.getMessage().contains("no-such-file.mkv"), missing.getMessage());
    }
}
