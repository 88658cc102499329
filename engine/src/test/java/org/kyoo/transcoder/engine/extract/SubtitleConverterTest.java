package org.kyoo.transcoder.engine.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;
import org.kyoo.transcoder.engine.testmedia.PgsWriter;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class SubtitleConverterTest {
    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:02,500
            Hello there

            2
            00:00:03,000 --> 00:00:04,200
            A second line
            over two rows

            3
            01:02:10,500 --> 01:02:12,000
            <i>Late</i> cue
            """;

    private static final String ASS = TestMedia.ASS_HEADER + """
            Dialogue: 0,0:00:02.00,0:00:03.50,Default,,0,0,0,,Bonjour
            Dialogue: 0,0:00:05.00,0:00:06.25,Default,,0,0,0,,{\\i1}Salut{\\i0} tout le monde
            Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\\pos(10,20)\\fnOther Font}Placed\\Nover two lines
            """;

    @TempDir
    Path sub;

    @Test
    void srtConvertsToWebVttCueByCue() throws Exception {
        Path srt = Files.writeString(sub.resolve("0.srt"), SRT);

        Path vtt = SubtitleConverter.inFormat(srt, "vtt");

        assertEquals(sub.resolve("converted").resolve("0.vtt"), vtt);
        String text = Files.readString(vtt, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("WEBVTT"), text);
        assertCues(List.of(new Cue(1.0, 2.5, "Hello there"), new Cue(3.0, 4.2, "A second line\nover two rows"),
                new Cue(3730.5, 3732.0, "<i>Late</i> cue")), SubtitleCues.fromWebVtt(text), 0.001);
    }

    @Test
    void assConvertsToSrtKeepingItalicsAndDroppingWhatSrtCannotCarry() throws Exception {
        Path ass = Files.writeString(sub.resolve("1.ass"), ASS);

        String srt = Files.readString(SubtitleConverter.inFormat(ass, "srt"), StandardCharsets.UTF_8);

        // SRT carries the style's font as <font face>; positions and override blocks are gone.
        List<Cue> cues = SubtitleCues.fromSrt(srt).stream()
                .map(c -> new Cue(c.start(), c.end(), c.text().replaceAll("</?font[^>]*>", ""))).toList();
        assertCues(List.of(new Cue(2.0, 3.5, "Bonjour"), new Cue(5.0, 6.25, "<i>Salut</i> tout le monde"),
                new Cue(7.0, 8.0, "Placed\nover two lines")), cues, 0.001);
        assertTrue(srt.contains("<font face=\"Test Font\">Bonjour</font>"), srt);
        assertTrue(!srt.contains("{\\"), srt);
    }

    @Test
    void assConvertsToWebVtt() throws Exception {
        Path ass = Files.writeString(sub.resolve("1.ass"), ASS);

        String vtt = Files.readString(SubtitleConverter.inFormat(ass, "vtt"), StandardCharsets.UTF_8);

        assertCues(List.of(new Cue(2.0, 3.5, "Bonjour"), new Cue(5.0, 6.25, "<i>Salut</i> tout le monde"),
                new Cue(7.0, 8.0, "Placed\nover two lines")), SubtitleCues.fromWebVtt(vtt), 0.001);
    }

    @Test
    void srtConvertsToAssWithADefaultHeader() throws Exception {
        Path srt = Files.writeString(sub.resolve("0.srt"), SRT);

        String ass = Files.readString(SubtitleConverter.inFormat(srt, "ass"), StandardCharsets.UTF_8);

        assertTrue(SubtitleCues.assHeader(ass).contains("[V4+ Styles]"), ass);
        List<Cue> cues = SubtitleCues.fromAss(ass);
        assertEquals(3, cues.size(), ass);
        assertEquals(1.0, cues.get(0).start(), 0.01);
        assertEquals(2.5, cues.get(0).end(), 0.01);
        assertEquals(3730.5, cues.get(2).start(), 0.01);
    }

    @Test
    void aShortSrtWithoutATrailingBlankLineConverts() throws Exception {
        Path srt = Files.writeString(sub.resolve("0.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHello\n");
        String vtt = Files.readString(SubtitleConverter.inFormat(srt, "vtt"), StandardCharsets.UTF_8);
        assertCues(List.of(new Cue(1.0, 2.0, "Hello")), SubtitleCues.fromWebVtt(vtt), 0.001);
    }

    @Test
    void aFileAlreadyInTheFormatIsServedAsItIs() throws Exception {
        Path srt = Files.writeString(sub.resolve("0.srt"), SRT);
        assertEquals(srt, SubtitleConverter.inFormat(srt, "srt"));
    }

    @Test
    void anUnknownFormatIsABadRequestNamingTheValidOnes() throws Exception {
        Path srt = Files.writeString(sub.resolve("0.srt"), SRT);
        MediaException e = assertThrows(MediaException.class, () -> SubtitleConverter.inFormat(srt, "txt"));
        assertEquals(MediaException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("vtt, srt, ass"), e.getMessage());
    }

    @Test
    void pictureSubtitlesCannotBecomeTextAndTheAnswerSaysWhy() {
        Path sup = PgsWriter.write(sub.resolve("2.sup"), List.of(new PgsWriter.Cue(1, 2)));
        MediaException e = assertThrows(MediaException.class, () -> SubtitleConverter.inFormat(sup, "vtt"));
        assertEquals(MediaException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("pictures"), e.getMessage());
        assertTrue(e.getMessage().contains("hdmv_pgs_subtitle"), e.getMessage());
    }

    @Test
    void aMissingSubtitleIsNotFound() {
        MediaException e = assertThrows(MediaException.class, () -> SubtitleConverter.inFormat(sub.resolve("9.srt"), "vtt"));
        assertEquals(MediaException.Kind.NOT_FOUND, e.kind());
    }

    private static void assertCues(List<Cue> expected, List<Cue> actual, double tolerance) {
        assertEquals(expected.size(), actual.size(), "cue count: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).start(), actual.get(i).start(), tolerance, "start of cue " + i);
            assertEquals(expected.get(i).end(), actual.get(i).end(), tolerance, "end of cue " + i);
            assertEquals(expected.get(i).text(), actual.get(i).text().strip(), "text of cue " + i);
        }
    }
}
