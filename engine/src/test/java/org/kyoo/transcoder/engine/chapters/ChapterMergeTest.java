package org.kyoo.transcoder.engine.chapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/** How found intros and credits join a file's own chapters, as upstream Kyoo merges them. */
class ChapterMergeTest {
    private static final double DURATION = 1400;

    private static Chapter found(double start, double end, String type, int accuracy) {
        return new Chapter(start, end, "", type, accuracy, null);
    }

    @Test
    void withoutChaptersOfItsOwnTheFileIsCutAroundWhatWasFound() {
        List<Chapter> merged = ChapterMerge.merge(List.of(),
                List.of(found(62.3, 151.9, "intro", 91), found(1290.4, 1379.7, "credits", 97)), DURATION);
        assertEquals(List.of(
                new Chapter(0, 62.3, "", "content"),
                found(62.3, 151.9, "intro", 91),
                new Chapter(151.9, 1290.4, "", "content"),
                found(1290.4, 1379.7, "credits", 97),
                new Chapter(1379.7, DURATION, "", "content")), merged);
    }

    @Test
    void aFoundChapterWithinThreeSecondsOfANamedOneIsMergedIntoIt() {
        List<Chapter> own = List.of(new Chapter(0, 60, "Prologue"), new Chapter(60, 150, "Part A"),
                new Chapter(150, 1300, "Part B"), new Chapter(1300, DURATION, "Ending"));
        List<Chapter> merged = ChapterMerge.merge(own,
                List.of(found(61.2, 148.4, "intro", 88), found(1301.5, 1398.8, "credits", 95)), DURATION);
        // "Part A" says nothing: it takes the found type; "Ending" is credits already, and keeps its name
        assertEquals(List.of(new Chapter(0, 60, "Prologue", "content"), new Chapter(60, 150, "Part A", "intro", 88, null),
                new Chapter(150, 1300, "Part B", "content"), new Chapter(1300, DURATION, "Ending", "credits", 95, null)), merged);
    }

    @Test
    void theSameIntroFoundWithBothNeighboursIsOneChapterWithTheBestAccuracy() {
        List<Chapter> merged = ChapterMerge.merge(List.of(),
                List.of(found(0.4, 89.8, "intro", 80), new Chapter(0.2, 90.1, "", "intro", 93, true)), DURATION);
        // near the start: it starts at 0; the previous episode's finding keeps firstAppearance unset
        assertEquals(List.of(found(0, 89.8, "intro", 93), new Chapter(89.8, DURATION, "", "content")), merged);
    }

    @Test
    void anIntroFoundOnlyWithTheNextEpisodeIsItsFirstAppearance() {
        List<Chapter> merged = ChapterMerge.merge(List.of(), List.of(new Chapter(30, 120, "", "intro", 90, true)), DURATION);
        assertEquals(new Chapter(30, 120, "", "intro", 90, true), merged.get(1));
    }

    @Test
    void aBoundaryWithinThreeSecondsOfAChapterBoundaryMovesOntoIt() {
        List<Chapter> own = List.of(new Chapter(0, 300, "Cold open"), new Chapter(300, DURATION, "Story"));
        List<Chapter> merged = ChapterMerge.merge(own, List.of(found(210, 301.7, "intro", 90)), DURATION);
        assertEquals(List.of(new Chapter(0, 210, "Cold open", "content"), found(210, 300, "intro", 90),
                new Chapter(300, DURATION, "Story", "content")), merged);
    }

    @Test
    void creditsCoveringANamedCreditsChapterAreLeftToIt() {
        List<Chapter> own = List.of(new Chapter(0, 1310, "Episode"), new Chapter(1310, 1390, "Credits"),
                new Chapter(1390, DURATION, "Next time"));
        assertEquals(own, ChapterMerge.merge(own, List.of(found(1305.5, 1395.5, "credits", 90)), DURATION));
    }
}
