package org.kyoo.transcoder.engine.probing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfoJson;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/** /info says what a stream's light is: HDR10, HLG, Dolby Vision with its profile, or SDR. */
class HdrProbeTest {
    private final MediaProber prober = new MediaProber();

    private MediaInfo.Video video(Fixture f) {
        return prober.probe(f.path(), "sha").video();
    }

    @Test
    void pqWithItsStaticMetadataIsHdr10() {
        MediaInfo.Video video = video(HdrMedia.hdr10());
        assertEquals("HDR10", video.hdr());
        assertEquals("PQ", video.videoRange());
        assertNull(video.dolbyVision());
        assertEquals(HdrMedia.MAX_CLL, video.maxLuminance(), "MaxCLL, from the container's Colour element");
        assertTrue(video.mimeCodec().startsWith("hvc1.2."), "Main 10: " + video.mimeCodec());
    }

    @Test
    void hybridLogGammaIsHlg() {
        MediaInfo.Video video = video(HdrMedia.hlg());
        assertEquals("HLG", video.hdr());
        assertEquals("HLG", video.videoRange());
        assertNull(video.maxLuminance(), "the fixture, as most HLG, carries no light levels");
    }

    @Test
    void dolbyVisionProfile8IsReportedWithItsHdr10Base() {
        MediaInfo.Video video = video(HdrMedia.dolbyVision8());
        assertEquals("DolbyVision", video.hdr());
        assertEquals(new MediaInfo.DolbyVision(8, 1, "HDR10"), video.dolbyVision());
        assertEquals("PQ", video.videoRange());
        assertTrue(video.mimeCodec().startsWith("hvc1."), "players without Dolby Vision play the HDR10 base: " + video.mimeCodec());
    }

    @Test
    void dolbyVisionProfile5HasNoCompatibleBaseAndAnnouncesItself() {
        MediaInfo.Video video = video(HdrMedia.dolbyVision5());
        assertEquals("DolbyVision", video.hdr());
        assertEquals(new MediaInfo.DolbyVision(5, 1, "none"), video.dolbyVision());
        assertEquals("PQ", video.videoRange(), "IPTPQc2 is PQ-coded; the stream has no transfer tag");
        assertEquals("dvh1.05.01", video.mimeCodec());
    }

    @Test
    void sdrVideoIsSdr() {
        MediaInfo.Video video = video(TestMedia.multiTrackMkv());
        assertNull(video.hdr());
        assertEquals("SDR", video.videoRange());
        assertNull(video.dolbyVision());
        assertNull(video.maxLuminance());
    }

    @Test
    void theJsonCarriesTheHdrFields() {
        String json = MediaInfoJson.write(prober.probe(HdrMedia.dolbyVision8().path(), "sha"));
        assertTrue(json.contains("\"hdr\":\"DolbyVision\""), json);
        assertTrue(json.contains("\"videoRange\":\"PQ\""), json);
        assertTrue(json.contains("\"dolbyVision\":{\"profile\":8,\"level\":1,\"compatibility\":\"HDR10\"}"), json);
        assertTrue(json.contains("\"maxLuminance\":203"), json);
    }
}
