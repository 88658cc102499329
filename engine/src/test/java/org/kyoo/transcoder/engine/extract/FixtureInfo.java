package org.kyoo.transcoder.engine.extract;

import java.util.ArrayList;
import java.util.List;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;

/** The parts of a MediaInfo extraction reads, built from what a fixture was muxed with (not from a probe). */
final class FixtureInfo {
    private FixtureInfo() {}

    static MediaInfo of(Fixture fixture) {
        List<MediaInfo.Subtitle> subtitles = new ArrayList<>();
        List<FixtureSpec.SubtitleSpec> specs = fixture.spec().subtitles();
        for (int i = 0; i < specs.size(); i++) {
            FixtureSpec.SubtitleSpec s = specs.get(i);
            String extension = switch (s.codec()) {
                case "subrip" -> "srt";
                case "ass" -> "ass";
                case "webvtt" -> "vtt";
                default -> null;
            };
            subtitles.add(new MediaInfo.Subtitle(i, s.title(), s.language(), s.codec(), extension,
                    s.isDefault(), s.isForced(), null));
        }
        List<String> fonts = fixture.spec().attachments().stream().map(FixtureSpec.AttachmentSpec::filename).toList();
        return new MediaInfo("sha", fixture.path().toString(), "mkv", null, 0, fixture.spec().duration(),
                fixture.spec().format(), null, List.of(), List.of(), subtitles, fonts, List.of());
    }
}
