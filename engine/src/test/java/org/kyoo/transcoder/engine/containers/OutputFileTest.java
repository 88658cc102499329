package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBVTT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.av.Av;

class OutputFileTest {
    @TempDir
    Path dir;

    private static final Consumer<AVStream> WEBVTT = stream -> {
        stream.codecpar().codec_type(AVMEDIA_TYPE_SUBTITLE).codec_id(AV_CODEC_ID_WEBVTT);
        stream.time_base(av_make_q(1, 1000));
    };

    @Test
    void aFinishedFileHoldsTheMuxersHeaderAndClosingItAgainDoesNothing() throws Exception {
        Av.load();
        Path file = dir.resolve("empty.vtt");
        OutputFile out = OutputFile.open(file, "webvtt", WEBVTT, Map.of());
        out.finish();
        out.close();
        assertEquals("WEBVTT", Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /** A misspelt option would otherwise be ignored quietly, and a segment written without it. */
    @Test
    void anOptionTheMuxerDoesNotTakeFailsTheOpening() {
        Av.load();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutputFile.open(dir.resolve("x.vtt"), "webvtt", WEBVTT, Map.of("no_such_option", "1")));
        assertTrue(e.getMessage().contains("no_such_option"), e.getMessage());
    }
}
