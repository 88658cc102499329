package org.kyoo.transcoder.engine.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.events.EngineListener;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.Series;

/** An episode against its neighbours: intro and credits within 1 s, kept with the neighbours they came from. */
class ChapterIdentificationTest {
    @TempDir Path dir;
    private MediaInfoStore infos;
    private ChapterIdentification identification;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private AutoCloseable listening;

    @BeforeEach
    void start() {
        LocalStore metadata = new LocalStore(dir);
        infos = new MediaInfoStore(metadata);
        identification = new ChapterIdentification(infos, metadata);
        listening = EngineEvents.listen(new EngineListener() {
            @Override
            public void chaptersIdentified(Duration took, String outcome) {
                outcomes.add(outcome);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        listening.close();
        identification.close();
    }

    private static Episode of(int n) {
        Path path = Series.episode(n).path();
        return new Episode(path, FileIdentity.sha(path));
    }

    @Test
    void theIntroAndCreditsOfAnEpisodeAreFoundWithItsNeighboursAndMergedIntoItsInfo() throws Exception {
        Series.Episode truth = Series.episode(2);
        identification.identify(of(2), of(1), of(3)).get(60, TimeUnit.SECONDS);
        MediaInfo info = identification.withIdentified(infos.get(truth.path(), of(2).sha()));
        List<Chapter> intros = info.chapters().stream().filter(c -> c.type().equals("intro")).toList();
        List<Chapter> credits = info.chapters().stream().filter(c -> c.type().equals("credits")).toList();
        assertEquals(1, intros.size(), info.chapters().toString());
        assertEquals(1, credits.size(), info.chapters().toString());
        assertEquals(truth.introStart(), intros.get(0).startTime(), 1.0);
        assertEquals(truth.introEnd(), intros.get(0).endTime(), 1.0);
        assertEquals(truth.creditsStart(), credits.get(0).startTime(), 1.0);
        assertEquals(truth.creditsEnd(), credits.get(0).endTime(), 1.0);
        assertTrue(intros.get(0).matchAccuracy() > 50, "accuracy " + intros.get(0).matchAccuracy());
        // found with the previous episode too: not the intro's first appearance
        assertNull(intros.get(0).firstAppearance());
        // the rest of the file is content, with no gap
        assertEquals(0, info.chapters().get(0).startTime());
        for (int i = 1; i < info.chapters().size(); i++) {
            assertEquals(info.chapters().get(i - 1).endTime(), info.chapters().get(i).startTime(), 1e-9);
        }
        assertEquals(List.of("found"), outcomes);
    }

    @Test
    void askedAgainWithTheSameNeighboursNothingIsComputedWithOthersItIs() throws Exception {
        IdentifiedChapters first = identification.identify(of(1), null, of(2)).get(60, TimeUnit.SECONDS);
        IdentifiedChapters again = identification.identify(of(1), null, of(2)).get(60, TimeUnit.SECONDS);
        assertEquals(first, again);
        assertEquals(1, outcomes.size(), "one identification: " + outcomes);
        // the first episode's intro is heard again in the next one only: its first appearance
        Chapter intro = first.found().stream().filter(c -> c.type().equals("intro")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, intro.firstAppearance());
        identification.identify(of(1), null, of(3)).get(60, TimeUnit.SECONDS);
        assertEquals(2, outcomes.size(), "other neighbours: identified again " + outcomes);
    }

    @Test
    void anotherSeriesGivesNothingAndTheInfoKeepsItsOwnChapters() throws Exception {
        Path other = Series.unrelated().path();
        Episode unrelated = new Episode(other, FileIdentity.sha(other));
        IdentifiedChapters found = identification.identify(of(1), unrelated, null).get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), found.found());
        MediaInfo info = infos.get(of(1).path(), of(1).sha());
        assertSame(info, identification.withIdentified(info));
        assertEquals(List.of("none"), outcomes);
    }
}
