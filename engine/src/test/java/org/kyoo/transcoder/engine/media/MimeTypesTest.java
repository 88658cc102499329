package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MimeTypesTest {
    @Test
    void oneTableForContainersSubtitlesFontsAndPictures() {
        assertEquals("video/x-matroska", MimeTypes.byExtension("MKV"));
        assertEquals("video/x-m4v", MimeTypes.byExtension("m4v"));
        assertEquals("application/x-subrip", MimeTypes.byExtension("srt"));
        assertEquals("font/ttf", MimeTypes.byExtension("ttf"));
        assertEquals("image/png", MimeTypes.byExtension("png"));
        assertNull(MimeTypes.byExtension("nfo"));
        assertNull(MimeTypes.byExtension(null));
    }

    @Test
    void onlyAudioAndVideoContainersGetAMimeCodec() {
        assertEquals("video/x-m4v; codecs=\"avc1.64001f\"", MimeTypes.withCodecs("m4v", List.of("avc1.64001f")));
        assertNull(MimeTypes.withCodecs("png", List.of("png")), "a picture libav opens is no stream");
        assertNull(MimeTypes.withCodecs("srt", List.of()));
    }
}
