package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * Both tables' masters say which variants are HDR: an HDR original its {@code VIDEO-RANGE} (and
 * Dolby Vision its codecs as Apple's rules ask), every transcode {@code VIDEO-RANGE=SDR} (they are
 * tone-mapped); an SDR file's variants say nothing, as before.
 */
class VideoRangesTest {
    static final MediaInfo.Audio AAC = new MediaInfo.Audio(0, null, "en", "aac", "mp4a.40.2", 2, true, false);

    static MediaInfo.Video video(String mimeCodec, String hdr, String range, MediaInfo.DolbyVision dv) {
        return new MediaInfo.Video("hevc", mimeCodec, null, "1080p", 1920, 1080, 8_000_000, 0, null, true,
                DisplaySize.square(1920, 1080), hdr, range, dv, 1000);
    }

    static MediaInfo info(MediaInfo.Video video) {
        return new MediaInfo("sha", "/video/a.mkv", "mkv", null, 1000, 60, "matroska", video, List.of(video), List.of(AAC),
                List.of(), List.of(), List.of());
    }

    /** Each variant's attribute line (#EXT-X-STREAM-INF) with the URI below it, on both tables. */
    static List<String> variants(MediaInfo info) {
        return variantsOf(MasterPlaylist.render(info, false, LinkQuery.NONE) + KyooMasterPlaylist.render(info, LinkQuery.NONE));
    }

    static List<String> variantsOf(String m3u8) {
        List<String> lines = m3u8.lines().toList();
        List<String> variants = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("#EXT-X-STREAM-INF:")) variants.add(lines.get(i) + " " + lines.get(i + 1));
        }
        return variants;
    }

    static boolean original(String variant) {
        return variant.contains("/original/");
    }

    @Test
    void anHdr10OriginalSaysPqAndEveryTranscodeSdr() {
        List<String> variants = variants(info(video("hvc1.2.4.L150.90", "HDR10", "PQ", null)));
        // v3: original, 240p…1080p; Kyoo's: original, transcode, 240p…720p (all AAC: paired with the copy only)
        assertEquals(6 + 6, variants.size(), String.join("\n", variants));
        for (String variant : variants) {
            String range = original(variant) ? "VIDEO-RANGE=PQ" : "VIDEO-RANGE=SDR";
            assertTrue(variant.contains("," + range + ","), variant);
            assertFalse(variant.contains("SUPPLEMENTAL-CODECS"), variant);
            if (original(variant)) assertTrue(variant.contains("CODECS=\"hvc1.2.4.L150.90,"), variant);
        }
    }

    @Test
    void anHlgOriginalSaysHlg() {
        List<String> variants = variants(info(video("hvc1.2.4.L150.90", "HLG", "HLG", null)));
        for (String variant : variants) assertTrue(variant.contains(original(variant) ? ",VIDEO-RANGE=HLG," : ",VIDEO-RANGE=SDR,"), variant);
    }

    @Test
    void dolbyVisionProfile8NamesItsHdr10BaseAndDolbyVisionAsASupplementalCodec() {
        MediaInfo.DolbyVision dv = new MediaInfo.DolbyVision(8, 6, "HDR10");
        for (String variant : variants(info(video("hvc1.2.4.L150.90", "DolbyVision", "PQ", dv)))) {
            if (original(variant)) {
                assertTrue(variant.contains(",CODECS=\"hvc1.2.4.L150.90,mp4a.40.2\""), variant);
                assertTrue(variant.contains(",VIDEO-RANGE=PQ,SUPPLEMENTAL-CODECS=\"dvh1.08.06/db1p\","), variant);
            } else {
                assertTrue(variant.contains(",VIDEO-RANGE=SDR,") && !variant.contains("SUPPLEMENTAL"), variant);
            }
        }
    }

    @Test
    void dolbyVisionProfile5IsAnnouncedAsDvh1() {
        MediaInfo.DolbyVision dv = new MediaInfo.DolbyVision(5, 6, "none");
        List<String> originals = variants(info(video("dvh1.05.06", "DolbyVision", "PQ", dv))).stream()
                .filter(VideoRangesTest::original).toList();
        assertEquals(2, originals.size(), "one on each table");
        for (String variant : originals) {
            assertTrue(variant.contains("CODECS=\"dvh1.05.06,mp4a.40.2\""), variant);
            assertTrue(variant.contains(",VIDEO-RANGE=PQ,") && !variant.contains("SUPPLEMENTAL"), variant);
        }
    }

    @Test
    void anSdrFileSaysNothingOfItsRange() {
        for (String variant : variants(info(video("hvc1.1.6.L120.90", null, "SDR", null)))) {
            assertFalse(variant.contains("VIDEO-RANGE"), variant);
        }
    }
}
