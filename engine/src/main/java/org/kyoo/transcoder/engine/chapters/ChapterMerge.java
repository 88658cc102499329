package org.kyoo.transcoder.engine.chapters;

import java.util.ArrayList;
import java.util.List;
import org.kyoo.transcoder.engine.media.ChapterTypes;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * The chapters {@code /info} lists once intros and credits were found: the file's own chapters
 * kept, a found chapter whose two ends are within 3 s of one of them merged into it (a
 * {@code content} chapter takes the found type; the accuracy is the best seen), a found chapter
 * covering one of its own type left to it, any other inserted with its boundaries moved onto a
 * chapter boundary, the start or the end of the file within 3 s, the chapters it overlaps cut
 * around it and {@code content} filling what is left, as upstream Kyoo does.
 */
final class ChapterMerge {
    /** Seconds within which a found boundary is the same as a chapter's. */
    static final double WINDOW = 3;

    private ChapterMerge() {}

    static List<Chapter> merge(List<Chapter> own, List<Chapter> found, double duration) {
        List<Chapter> chapters = new ArrayList<>(own == null ? List.of() : own);
        for (Chapter candidate : found) {
            int same = sameAs(chapters, candidate);
            if (same >= 0) {
                chapters.set(same, mergedInto(chapters.get(same), candidate));
            } else if (!covered(chapters, candidate)) {
                chapters = inserted(chapters, snapped(chapters, candidate, duration), duration);
            }
        }
        return chapters;
    }

    private static int sameAs(List<Chapter> chapters, Chapter candidate) {
        for (int i = 0; i < chapters.size(); i++) {
            Chapter c = chapters.get(i);
            if (near(c.startTime(), candidate.startTime()) && near(c.endTime(), candidate.endTime())) return i;
        }
        return -1;
    }

    /** A candidate spanning a chapter of its own type found or named already adds nothing. */
    private static boolean covered(List<Chapter> chapters, Chapter candidate) {
        return chapters.stream().anyMatch(c -> c.type().equals(candidate.type())
                && candidate.startTime() - WINDOW < c.startTime() && candidate.endTime() + WINDOW > c.endTime());
    }

    private static Chapter mergedInto(Chapter chapter, Chapter candidate) {
        String type = ChapterTypes.CONTENT.equals(chapter.type()) ? candidate.type() : chapter.type();
        if (chapter.matchAccuracy() == null) {
            return new Chapter(chapter.startTime(), chapter.endTime(), chapter.name(), type,
                    candidate.matchAccuracy(), candidate.firstAppearance());
        }
        return new Chapter(chapter.startTime(), chapter.endTime(), chapter.name(), type,
                Math.max(chapter.matchAccuracy(), candidate.matchAccuracy()), chapter.firstAppearance());
    }

    /** The candidate with each end moved onto the file's start or end, or a chapter boundary, within 3 s. */
    private static Chapter snapped(List<Chapter> chapters, Chapter candidate, double duration) {
        double start = snap(candidate.startTime(), chapters, duration);
        double end = snap(candidate.endTime(), chapters, duration);
        return new Chapter(start, end, candidate.name(), candidate.type(), candidate.matchAccuracy(), candidate.firstAppearance());
    }

    private static double snap(double time, List<Chapter> chapters, double duration) {
        if (time < WINDOW) return 0;
        if (near(time, duration)) return duration;
        double best = time;
        double distance = WINDOW;
        for (Chapter c : chapters) {
            for (double boundary : new double[] {c.startTime(), c.endTime()}) {
                if (Math.abs(boundary - time) < distance) {
                    best = boundary;
                    distance = Math.abs(boundary - time);
                }
            }
        }
        return best;
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) < WINDOW;
    }

    /** {@code chapters} with {@code chapter} in its place, those it overlaps cut around it, no gap left. */
    private static List<Chapter> inserted(List<Chapter> chapters, Chapter chapter, double duration) {
        List<Chapter> out = new ArrayList<>();
        if (chapters.isEmpty()) {
            if (chapter.startTime() > 0) out.add(content(0, chapter.startTime()));
            out.add(chapter);
            if (chapter.endTime() < duration) out.add(content(chapter.endTime(), duration));
            return out;
        }
        boolean placed = false;
        for (Chapter c : chapters) {
            if (!placed && chapter.startTime() < c.endTime()) {
                if (chapter.startTime() > c.startTime()) out.add(within(c, c.startTime(), chapter.startTime()));
                out.add(chapter);
                placed = true;
                if (chapter.endTime() < c.endTime()) out.add(within(c, chapter.endTime(), c.endTime()));
            } else if (placed && c.startTime() < chapter.endTime()) {
                if (c.endTime() > chapter.endTime()) out.add(within(c, chapter.endTime(), c.endTime()));
            } else {
                out.add(c);
            }
        }
        if (!placed) out.add(chapter);
        return out;
    }

    private static Chapter content(double start, double end) {
        return new Chapter(start, end, "", ChapterTypes.CONTENT);
    }

    private static Chapter within(Chapter c, double start, double end) {
        return new Chapter(start, end, c.name(), c.type(), c.matchAccuracy(), c.firstAppearance());
    }
}
