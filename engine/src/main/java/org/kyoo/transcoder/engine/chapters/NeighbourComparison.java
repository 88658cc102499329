package org.kyoo.transcoder.engine.chapters;

import java.util.ArrayList;
import java.util.List;
import org.kyoo.transcoder.engine.fingerprints.FileFingerprints;
import org.kyoo.transcoder.engine.fingerprints.SharedStretches;
import org.kyoo.transcoder.engine.fingerprints.Stretch;
import org.kyoo.transcoder.engine.media.ChapterTypes;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * What an episode shares with a neighbour: every stretch of 15 s or more their openings share is
 * an intro, every one their endings share a credits chapter, on the episode's own timeline. In a
 * short file whose ending window reaches back into its opening, a stretch there is the intro's,
 * not credits.
 */
final class NeighbourComparison {
    private NeighbourComparison() {}

    /**
     * @param next whether {@code neighbour} is the next episode: what is found with it is marked
     *             {@code firstAppearance} (kept only when the previous episode does not share it),
     *             as upstream marks it
     */
    static List<Chapter> found(FileFingerprints own, FileFingerprints neighbour, boolean next) {
        List<Chapter> found = new ArrayList<>();
        for (Stretch s : SharedStretches.between(own.opening(), neighbour.opening())) {
            found.add(new Chapter(s.start(), s.end(), "", ChapterTypes.INTRO, s.accuracy(), next ? Boolean.TRUE : null));
        }
        double openingEnd = own.opening().timeOf(own.opening().length());
        for (Stretch s : SharedStretches.between(own.ending(), neighbour.ending())) {
            if (s.start() >= openingEnd) found.add(new Chapter(s.start(), s.end(), "", ChapterTypes.CREDITS, s.accuracy(), next ? Boolean.TRUE : null));
        }
        return found;
    }
}
