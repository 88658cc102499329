package org.kyoo.transcoder.engine.testmedia;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.testmedia.Soundtrack.Part;

/**
 * Episodes of made-up series whose intro and credits are known to the sample: the same intro
 * music at a different time in each (after a cold open of another length, after silence or not),
 * a title card of other audio inside it, a long silence in the middle, the same credits music,
 * then a preview of the next episode opening on a short shared sting. Audio only (AC-3 in
 * Matroska, 48 kHz stereo), generated in-process on first use.
 */
public final class Series {
    private static final ConcurrentHashMap<String, Episode> MADE = new ConcurrentHashMap<>();

    private Series() {}

    /**
     * A file and where its intro and credits are (seconds).
     *
     * @param introEnd where the intro music stops, a title card inside it notwithstanding
     */
    public record Episode(Path path, double duration, double introStart, double introEnd, double creditsStart, double creditsEnd) {}

    /**
     * How an episode is laid out.
     *
     * @param series     which series: its intro, credits and sting music
     * @param number     which episode: its own audio everywhere else
     * @param coldOpen   seconds of the episode's own audio before the intro
     * @param silence    seconds of silence between the cold open and the intro
     * @param intro      how long the intro music plays
     * @param card       where the title card starts, in the intro (seconds)
     * @param cardLength how long the title card's other audio lasts (0: no card)
     * @param credits    where the credits start
     * @param creditsLength how long the credits music plays
     * @param pause      seconds of silence in the middle of the episode (a scene in silence), 0 for none
     */
    public record Layout(long series, long number, double coldOpen, double silence, double intro, double card,
                         double cardLength, double credits, double creditsLength, double pause) {
        /** The audio and where its intro and credits are. */
        public Soundtrack sound() {
            long own = 1000L * number + 100L * series;
            long music = 1_000_000L * (series + 1);
            Soundtrack.Builder b = new Soundtrack.Builder();
            if (coldOpen > 0) b.add(new Part(own + 1, 0, coldOpen));
            if (silence > 0) b.add(Part.silence(silence));
            b.add(new Part(music + 1, 0, card));
            if (cardLength > 0) b.add(new Part(own + 2, 0, cardLength));
            b.add(new Part(music + 1, card + cardLength, intro - card - cardLength));
            double body = credits - b.at();
            if (pause > 0) {
                b.add(new Part(own + 3, 0, body / 2 - pause / 2)).add(Part.silence(pause));
                b.add(new Part(own + 4, 0, credits - b.at()));
            } else {
                b.add(new Part(own + 3, 0, body));
            }
            b.add(new Part(music + 2, 0, creditsLength));
            // the preview of the next episode, opening on the series' sting after a second of silence
            b.add(Part.silence(1)).add(new Part(music + 3, 0, 3)).add(new Part(own + 5, 0, 16));
            return b.build();
        }

        public double introStart() {
            return coldOpen + silence;
        }

        public double introEnd() {
            return introStart() + intro;
        }

        public double creditsEnd() {
            return credits + creditsLength;
        }
    }

    /** Episode {@code n} (1 to 3) of the series. */
    public static Episode episode(int n) {
        return switch (n) {
            case 1 -> make("series-e1.mka", new Layout(0, 1, 0, 0, 45, 18, 3, 300, 40, 20));
            case 2 -> make("series-e2.mka", new Layout(0, 2, 24, 1.5, 45, 18, 3, 296, 40, 20));
            case 3 -> make("series-e3.mka", new Layout(0, 3, 10, 0, 45, 25, 4, 310, 40, 20));
            default -> throw new IllegalArgumentException("episode " + n);
        };
    }

    /** An episode of another series: its own intro, credits and everything. */
    public static Episode unrelated() {
        return make("other-series-e1.mka", new Layout(1, 1, 15, 0, 45, 18, 3, 300, 40, 20));
    }

    /** The episode {@code layout} describes, written under {@code name} in the test media folder once. */
    public static Episode make(String name, Layout layout) {
        return MADE.computeIfAbsent(name, n -> {
            Soundtrack sound = layout.sound();
            Path file = TestMedia.written(n, tmp -> SoundtrackWriter.write(sound, tmp, "matroska", "ac3"));
            return new Episode(file, sound.seconds(), layout.introStart(), layout.introEnd(), layout.credits(), layout.creditsEnd());
        });
    }
}
