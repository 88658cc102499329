package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.probing.MediaProber;

class SidecarSubtitlesTest {
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // name after "Film."   | ext | codec             | language | title      | default | forced | hearing impaired
        "srt                    | srt | subrip            | NULL     | NULL       | false   | false  | false",
        "en.srt                 | srt | subrip            | en       | NULL       | false   | false  | false",
        "eng.srt                | srt | subrip            | en       | NULL       | false   | false  | false",
        "fre.ass                | ass | ass               | fr       | NULL       | false   | false  | false",
        "fr.forced.ass          | ass | ass               | fr       | NULL       | false   | true   | false",
        "en.sdh.srt             | srt | subrip            | en       | NULL       | false   | false  | true",
        "en.hi.srt              | srt | subrip            | en       | NULL       | false   | false  | true",
        "en.cc.vtt              | vtt | webvtt            | en       | NULL       | false   | false  | true",
        "de.default.forced.ssa  | ssa | ass               | de       | NULL       | true    | true   | false",
        "pt-BR.SRT              | srt | subrip            | pt-BR    | NULL       | false   | false  | false",
        "ja.sup                 | sup | hdmv_pgs_subtitle | ja       | NULL       | false   | false  | false",
        "Commentary.en.srt      | srt | subrip            | en       | Commentary | false   | false  | false",
    })
    void nameMiddlePartsSayLanguageAndFlags(String rest, String extension, String codec, String language,
                                            String title, boolean isDefault, boolean isForced, boolean hearingImpaired) {
        SidecarSubtitles.Sidecar sidecar = SidecarSubtitles.parse(rest).orElseThrow();
        assertEquals(extension, sidecar.extension());
        assertEquals(codec, sidecar.codec());
        assertEquals(language, sidecar.language());
        assertEquals(title, sidecar.title());
        assertEquals(isDefault, sidecar.isDefault());
        assertEquals(isForced, sidecar.isForced());
        assertEquals(hearingImpaired, sidecar.isHearingImpaired());
    }

    @Test
    void onlyFilesNamedAfterTheVideoWithASubtitleExtensionAreSidecars() throws Exception {
        Path video = Files.createFile(folder.resolve("Film.mkv"));
        for (String name : List.of("Film.en.srt", "Film.srt", "Film.fr.forced.ass", "Film 2.en.srt", "Filmography.srt",
                "Film.en.txt", "Film.nfo", "Other.en.srt", "Film.jpg")) {
            Files.writeString(folder.resolve(name), "x");
        }
        Files.createDirectory(folder.resolve("Film.folder.srt"));

        List<String> names = SidecarSubtitles.of(video).stream().map(s -> s.file().getFileName().toString()).toList();

        assertEquals(List.of("Film.en.srt", "Film.fr.forced.ass", "Film.srt"), names);
    }

    /** Their links are the server's: see its {@code SidecarLinksTest}. */
    @Test
    void theInfoListsSidecarsAfterTheFileOwnTracksAsExternalSubtitles() throws Exception {
        Path video = Files.createSymbolicLink(folder.resolve("Film.mkv"), TestMedia.multiTrackMkv().path());
        Files.writeString(folder.resolve("Film.en.sdh.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n");
        Files.writeString(folder.resolve("Film.fr.forced.ass"), "x");

        List<MediaInfo.Subtitle> subtitles = new MediaProber().probe(video, "s").subtitles();

        assertEquals(4, subtitles.size(), subtitles.toString());
        assertFalse(subtitles.get(0).isExternal());
        assertFalse(subtitles.get(1).isExternal());
        assertEquals(new MediaInfo.Subtitle(2, null, "en", "subrip", "srt", false, false, null, true, true), subtitles.get(2));
        assertEquals(new MediaInfo.Subtitle(3, null, "fr", "ass", "ass", false, true, null, false, true), subtitles.get(3));
    }

    @Test
    void addingOrEditingASidecarGivesTheVideoANewVersion() throws Exception {
        Path video = Files.createFile(folder.resolve("Film.mkv"));
        String alone = FileIdentity.sha(video);
        assertEquals(alone, FileIdentity.sha(video), "stable while nothing changes");

        Path sidecar = Files.writeString(folder.resolve("Film.en.srt"), "x");
        Files.setLastModifiedTime(sidecar, FileTime.fromMillis(1_000_000));
        String withSidecar = FileIdentity.sha(video);
        assertNotEquals(alone, withSidecar);

        Files.setLastModifiedTime(sidecar, FileTime.fromMillis(2_000_000));
        assertNotEquals(withSidecar, FileIdentity.sha(video), "an edited sidecar");

        Files.delete(sidecar);
        assertEquals(alone, FileIdentity.sha(video));
        assertTrue(alone.startsWith(FileIdentity.VERSION));
    }

    @Test
    void aVideoWhoseFolderHoldsNoSidecarHasNone() throws Exception {
        Path video = Files.createFile(folder.resolve("Film.mkv"));
        assertEquals(List.of(), SidecarSubtitles.of(video));
        assertNull(SidecarSubtitles.parse("mkv").orElse(null));
    }
}
