package org.kyoo.transcoder.server.playlists;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.kyoo.transcoder.engine.media.ChapterTypes;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * A file's intro, credits, recap and preview chapters where any HLS player reads them: one
 * {@code #EXT-X-DATERANGE} each, {@code CLASS="com.kyoo.chapter"}, with the chapter's type, name and
 * match accuracy as client attributes. Date ranges sit on a clock, so the playlist's first segment
 * is given one: {@code #EXT-X-PROGRAM-DATE-TIME} at 1970-01-01 plus its start, so that a range's
 * date is its chapter's time on the source timeline (what {@code /info} says) since the epoch.
 */
public final class ChapterRanges {
    public static final String CLASS = "com.kyoo.chapter";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ChapterRanges() {}

    /** The tags to write before the first segment (which starts at {@code firstSegment} s); empty without such chapters. */
    static String tags(List<Chapter> chapters, double firstSegment) {
        StringBuilder tags = new StringBuilder();
        int n = 0;
        for (Chapter c : chapters == null ? List.<Chapter>of() : chapters) {
            if (c.type() == null || ChapterTypes.CONTENT.equals(c.type()) || c.endTime() <= c.startTime()) continue;
            if (tags.isEmpty()) tags.append("#EXT-X-PROGRAM-DATE-TIME:").append(date(firstSegment)).append('\n');
            tags.append("#EXT-X-DATERANGE:ID=\"chapter-").append(n++).append("\",CLASS=\"").append(CLASS)
                    .append("\",START-DATE=\"").append(date(c.startTime()))
                    .append(String.format(Locale.ROOT, "\",DURATION=%.3f", c.endTime() - c.startTime()))
                    .append(",X-TYPE=\"").append(c.type()).append('"');
            if (c.name() != null && !c.name().isEmpty()) tags.append(",X-NAME=\"").append(quotable(c.name())).append('"');
            if (c.matchAccuracy() != null) tags.append(",X-MATCH-ACCURACY=").append(c.matchAccuracy());
            tags.append('\n');
        }
        return tags.toString();
    }

    private static String date(double seconds) {
        return DATE.format(Instant.ofEpochMilli(Math.round(seconds * 1000)));
    }

    /** A quoted-string may hold neither a double quote nor a line break. */
    private static String quotable(String text) {
        return text.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }
}
