package org.kyoo.transcoder.engine.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaProber;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class SidecarExtractionTest {
    @TempDir
    Path folder;

    @Test
    void aSidecarIsServedFromTheSubtitleFolderUnderItsInfoIndexAndConverts() throws Exception {
        Path video = Files.createSymbolicLink(folder.resolve("Film.mkv"), TestMedia.multiTrackMkv().path());
        String srt = "1\n00:00:01,000 --> 00:00:02,000\nFrom the sidecar\n";
        Files.writeString(folder.resolve("Film.de.forced.srt"), srt);
        String sha = FileIdentity.sha(video);
        MediaInfo info = new MediaProber().probe(video, sha);
        MediaInfo.Subtitle sidecar = info.subtitles().get(2);
        assertEquals("de", sidecar.language());
        LocalExtractor extractor = new LocalExtractor(folder.resolve("meta"));

        extractor.extract(video, sha, info).get(60, TimeUnit.SECONDS);

        Path served = extractor.subtitleFile(sha, "2.srt");
        assertEquals(srt, Files.readString(served, StandardCharsets.UTF_8));
        String vtt = Files.readString(SubtitleConverter.inFormat(served, "vtt"), StandardCharsets.UTF_8);
        List<Cue> cues = SubtitleCues.fromWebVtt(vtt);
        assertEquals(List.of(new Cue(1.0, 2.0, "From the sidecar")), cues);
    }
}
