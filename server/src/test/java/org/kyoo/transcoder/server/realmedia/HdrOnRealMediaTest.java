package org.kyoo.transcoder.server.realmedia;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.FirstPicture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.HdrPicture;
import org.kyoo.transcoder.server.Http;

/** An HDR10 film through the real server: /info says so, both masters say which variants are HDR, a transcode is SDR BT.709. */
class HdrOnRealMediaTest extends RealServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "hdr";
    private String film;

    @BeforeAll
    void copyTheFilm() throws Exception {
        Path copy = Files.copy(HdrMedia.hdr10().path(), root.resolve("hdr10.mkv"));
        film = Http.file(copy.toRealPath());
    }

    private static List<String> variants(String master) {
        List<String> lines = master.lines().toList();
        return java.util.stream.IntStream.range(0, lines.size() - 1).filter(i -> lines.get(i).startsWith("#EXT-X-STREAM-INF:"))
                .mapToObj(i -> lines.get(i) + " " + lines.get(i + 1)).toList();
    }

    @Test
    void infoSaysHdr10() throws Exception {
        HttpResponse<String> response = http.get(film + "/info", CLIENT);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode video = JSON.readTree(response.body()).get("video");
        assertEquals("HDR10", video.get("hdr").asText());
        assertEquals("PQ", video.get("videoRange").asText());
        assertTrue(video.get("dolbyVision").isNull(), video.toString());
        assertEquals(HdrMedia.MAX_CLL, video.get("maxLuminance").asInt());
    }

    @Test
    void bothMastersSayTheOriginalIsPqAndTheTranscodesSdr() throws Exception {
        for (String master : List.of(film + "/master.m3u8", "/video" + film + "/master.m3u8")) {
            HttpResponse<String> response = http.get(master, CLIENT);
            assertEquals(200, response.statusCode(), master);
            List<String> variants = variants(response.body());
            assertTrue(variants.size() >= 3, response.body());
            for (String variant : variants) {
                boolean original = variant.contains("original/index.m3u8");
                assertTrue(variant.contains(original ? ",VIDEO-RANGE=PQ," : ",VIDEO-RANGE=SDR,"), variant);
            }
        }
    }

    @Test
    void aTranscodedSegmentIsSdrBt709() throws Exception {
        HttpResponse<byte[]> segment = http.bytes(film + "/360p/segment-0.ts", CLIENT);
        assertEquals(200, segment.statusCode());
        Path file = Files.write(dir.resolve("hdr-360p-0.ts"), segment.body());
        assertEquals(new FirstPicture.Tags(AVCOL_PRI_BT709, AVCOL_TRC_BT709, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG), FirstPicture.tags(file));
        double psnr = FirstPicture.decode(file, frame -> HdrPicture.psnr(HdrPicture.rgb(HdrMedia.WIDTH, HdrMedia.HEIGHT),
                HdrPicture.rgbOf(frame)));
        assertTrue(psnr >= 26, "the SDR picture again: " + psnr + " dB");
    }
}
