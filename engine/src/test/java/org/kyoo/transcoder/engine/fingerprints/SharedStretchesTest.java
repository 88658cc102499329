package org.kyoo.transcoder.engine.fingerprints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.Series;

/**
 * What two episodes' fingerprints share, against the truth the generated series knows: the intro
 * at another time in each (after cold opens of 0, 10 and 24 s, after 1.5 s of silence or not),
 * with a title card of other audio inside it; the credits, followed by a second of silence and a
 * sting every preview opens on; 20 s of silence in the middle of every episode.
 */
class SharedStretchesTest {
    /** The bound on every boundary. */
    private static final double WITHIN = 1.0;
    private static final Map<Series.Episode, FileFingerprints> PRINTS = new ConcurrentHashMap<>();

    static FileFingerprints prints(Series.Episode episode) {
        return PRINTS.computeIfAbsent(episode, e -> {
            AudioWindow audio = new AudioWindow(e.path(), 0);
            double from = FileFingerprints.endingFrom(e.duration());
            return new FileFingerprints(audio.fingerprint(0, FileFingerprints.openingSeconds(e.duration()), Algorithm.TEST4),
                    audio.fingerprint(from, e.duration() - from, Algorithm.TEST4));
        });
    }

    @Test
    void theIntroIsFoundWhereverItStartsInEachEpisode() {
        for (int[] pair : new int[][] {{1, 2}, {2, 3}, {3, 1}}) {
            Series.Episode a = Series.episode(pair[0]);
            Series.Episode b = Series.episode(pair[1]);
            List<Stretch> shared = SharedStretches.between(prints(a).opening(), prints(b).opening());
            assertEquals(1, shared.size(), pair[0] + " and " + pair[1] + ": " + shared);
            Stretch intro = shared.get(0);
            near(a.introStart(), intro.start(), "intro start in " + pair[0]);
            near(a.introEnd(), intro.end(), "intro end in " + pair[0]);
            near(b.introStart(), intro.otherStart(), "intro start in " + pair[1]);
            near(b.introEnd(), intro.otherEnd(), "intro end in " + pair[1]);
            assertTrue(intro.accuracy() >= 50 && intro.accuracy() <= 100, "accuracy " + intro.accuracy());
        }
    }

    @Test
    void titleCardsInsideTheIntroAtDifferentPlacesDoNotSplitIt() {
        // episode 1's card is 18 s into the intro, episode 3's 25 s: two gaps in one alignment
        List<Stretch> shared = SharedStretches.between(prints(Series.episode(1)).opening(), prints(Series.episode(3)).opening());
        assertEquals(1, shared.size(), shared.toString());
        assertTrue(shared.get(0).duration() > Series.episode(1).introEnd() - Series.episode(1).introStart() - 2 * WITHIN);
    }

    @Test
    void theCreditsAreFoundAndNeitherTheSilenceNorThePreviewsStingLengthensThem() {
        for (int[] pair : new int[][] {{1, 2}, {3, 2}}) {
            Series.Episode a = Series.episode(pair[0]);
            Series.Episode b = Series.episode(pair[1]);
            // the endings also hold 20 s of the same silence: it is no shared stretch
            List<Stretch> shared = SharedStretches.between(prints(a).ending(), prints(b).ending());
            assertEquals(1, shared.size(), pair[0] + " and " + pair[1] + ": " + shared);
            near(a.creditsStart(), shared.get(0).start(), "credits start in " + pair[0]);
            near(a.creditsEnd(), shared.get(0).end(), "credits end in " + pair[0]);
            near(b.creditsEnd(), shared.get(0).otherEnd(), "credits end in " + pair[1]);
        }
    }

    @Test
    void episodesOfAnotherSeriesShareNothing() {
        FileFingerprints other = prints(Series.unrelated());
        for (int n = 1; n <= 3; n++) {
            FileFingerprints episode = prints(Series.episode(n));
            assertEquals(List.of(), SharedStretches.between(episode.opening(), other.opening()), "openings of " + n);
            assertEquals(List.of(), SharedStretches.between(episode.ending(), other.ending()), "endings of " + n);
        }
    }

    private static void near(double truth, double found, String what) {
        assertTrue(Math.abs(found - truth) <= WITHIN, what + ": found " + found + ", truth " + truth);
    }
}
