package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.testmedia.DvdSubWriter;
import org.kyoo.transcoder.engine.testmedia.PgsWriter;
import org.kyoo.transcoder.engine.testmedia.Remuxer;

/** Picture subtitles (Blu-ray PGS, DVD VobSub) in Matroska: extracted as they are, never converted to text. */
class PictureSubtitlesTest {
    private static final List<PgsWriter.Cue> CUES = List.of(new PgsWriter.Cue(1.0, 2.5), new PgsWriter.Cue(4.0, 5.0));

    @TempDir
    Path folder;

    @Test
    void pgsInMatroskaIsExtractedAsSupKeepingItsDisplayTimes() throws Exception {
        Path mkv = folder.resolve("pgs.mkv");
        Remuxer.remux(PgsWriter.write(folder.resolve("written.sup"), CUES), mkv, "matroska");
        assertEquals("hdmv_pgs_subtitle", firstCodec(mkv));
        MediaInfo info = new MediaInfo("sha", mkv.toString(), "mkv", null, 0, 5, "matroska", null, List.of(), List.of(),
                List.of(new MediaInfo.Subtitle(0, null, "en", "hdmv_pgs_subtitle", "sup", false, false, null)),
                List.of(), List.of());
        LocalExtractor extractor = new LocalExtractor(folder.resolve("meta"));

        extractor.extract(mkv, "sha", info).get(60, TimeUnit.SECONDS);

        Path sup = extractor.subtitleFile("sha", "0.sup");
        byte[] bytes = Files.readAllBytes(sup);
        assertEquals("PG", new String(bytes, 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("hdmv_pgs_subtitle", firstCodec(sup));
        // Each cue is two display sets: shown at its start, cleared at its end.
        assertEquals(List.of(1.0, 2.5, 4.0, 5.0), compositionTimes(bytes));

        MediaException e = assertThrows(MediaException.class, () -> SubtitleConverter.inFormat(sup, "srt"));
        assertEquals(MediaException.Kind.BAD_REQUEST, e.kind());
    }

    @Test
    void dvdSubtitlesAreKeptAsTheyAreInAMatroskaSubtitleFile() throws Exception {
        Path mkv = DvdSubWriter.write(folder.resolve("dvd.mkv"),
                List.of(new DvdSubWriter.Cue(1.0, 2.5), new DvdSubWriter.Cue(4.0, 5.0)));
        assertEquals("dvd_subtitle", firstCodec(mkv));
        MediaInfo info = new MediaInfo("sha", mkv.toString(), "mkv", null, 0, 5, "matroska", null, List.of(), List.of(),
                List.of(new MediaInfo.Subtitle(0, null, "fr", "dvd_subtitle", "mks", false, false, null)),
                List.of(), List.of());
        LocalExtractor extractor = new LocalExtractor(folder.resolve("meta"));

        extractor.extract(mkv, "dvd", info).get(60, TimeUnit.SECONDS);

        Path mks = extractor.subtitleFile("dvd", "0.mks");
        assertEquals("dvd_subtitle", firstCodec(mks));
        assertEquals(List.of(1.0, 4.0), packetTimes(mks));
        MediaException e = assertThrows(MediaException.class, () -> SubtitleConverter.inFormat(mks, "vtt"));
        assertEquals(MediaException.Kind.BAD_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("dvd_subtitle"), e.getMessage());
    }

    private static List<Double> packetTimes(Path file) {
        List<Double> times = new ArrayList<>();
        try (MediaInput input = MediaInput.open(file)) {
            AVPacket packet = av_packet_alloc();
            try {
                while (input.read(packet)) {
                    times.add(packet.pts() * av_q2d(input.stream(0).time_base()));
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
        }
        return times;
    }

    private static String firstCodec(Path file) {
        try (MediaInput input = MediaInput.open(file)) {
            return avcodec_get_name(input.stream(0).codecpar().codec_id()).getString();
        }
    }

    /** Presentation times (s) of the PCS segments of a .sup file, read by hand ("PG", PTS, DTS, type, size). */
    private static List<Double> compositionTimes(byte[] sup) {
        List<Double> times = new ArrayList<>();
        int at = 0;
        while (at + 13 <= sup.length) {
            long pts = ((sup[at + 2] & 0xffL) << 24) | ((sup[at + 3] & 0xff) << 16) | ((sup[at + 4] & 0xff) << 8) | (sup[at + 5] & 0xff);
            int type = sup[at + 10] & 0xff;
            int size = ((sup[at + 11] & 0xff) << 8) | (sup[at + 12] & 0xff);
            if (type == 0x16) times.add(pts / 90_000.0);
            at += 13 + size;
        }
        return times;
    }
}
