package org.kyoo.transcoder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.chapters.ChapterIdentification;
import org.kyoo.transcoder.engine.chapters.Episode;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.Series;

/**
 * How well intros and credits are found on generated series whose truth is known: {@code series}
 * made-up series of 3 ten-minute episodes each, laid out at random from a seed (a cold open of 0
 * to 40 s, silence before the intro or not, an intro of 30 to 70 s with a title card of 3 to 5 s
 * somewhere in it or not, 20 s of silence mid-episode or not, credits of 30 to 60 s, a preview
 * opening on the series' sting). Every episode is identified against its neighbours through the
 * engine, as {@code /prepare} does, and read back merged as {@code /info} answers (so a truth within
 * 3 s of the file's start is its start, as the merge makes it); then one episode of each series
 * against an episode of another series, where anything found is a false find.
 */
final class SeriesAccuracy {
    private static final double DURATION = 600;

    /** Boundary errors (seconds), chapters missed and found where there was none. */
    record Result(int episodes, int truths, int within1s, int misses, int falseFinds, int unrelatedPairs,
                  int unrelatedFinds, List<Double> errors) {}

    private SeriesAccuracy() {}

    static Result measure(int seriesCount, long seed, Path scratch) throws Exception {
        Random random = new Random(seed);
        List<List<Series.Episode>> series = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            List<Series.Episode> episodes = new ArrayList<>();
            double intro = 30 + random.nextInt(41);
            double credits = 30 + random.nextInt(31);
            for (int e = 1; e <= 3; e++) {
                double coldOpen = random.nextInt(3) == 0 ? 0 : 5 + random.nextInt(36);
                double silence = random.nextBoolean() ? 1.5 : 0;
                double cardLength = random.nextBoolean() ? 3 + random.nextInt(3) : 0;
                double card = 3 + random.nextInt((int) (intro - 11 - cardLength));
                double pause = random.nextBoolean() ? 20 : 0;
                Series.Layout layout = new Series.Layout(20 + s, e, coldOpen, silence, intro, card, cardLength,
                        DURATION - 20 - 1 - credits, credits, pause);
                episodes.add(Series.make(String.format(Locale.ROOT, "accuracy-%d-s%d-e%d.mka", seed, s, e), layout));
            }
            series.add(episodes);
        }
        LocalStore metadata = new LocalStore(Files.createDirectories(scratch.resolve("metadata-" + System.nanoTime())));
        MediaInfoStore infos = new MediaInfoStore(metadata);
        int truths = 0;
        int within = 0;
        int misses = 0;
        int falseFinds = 0;
        List<Double> errors = new ArrayList<>();
        try (ChapterIdentification identification = new ChapterIdentification(infos, metadata)) {
            for (List<Series.Episode> episodes : series) {
                for (int e = 0; e < episodes.size(); e++) {
                    Series.Episode truth = episodes.get(e);
                    Episode self = episode(truth);
                    identification.identify(self, e > 0 ? episode(episodes.get(e - 1)) : null,
                            e + 1 < episodes.size() ? episode(episodes.get(e + 1)) : null).get(10, TimeUnit.MINUTES);
                    MediaInfo info = identification.withIdentified(infos.get(truth.path(), self.sha()));
                    if (Boolean.getBoolean("chapters.verbose")) {
                        System.out.printf(Locale.ROOT, "%s: intro %.1f-%.1f, credits %.1f-%.1f; found %s%n", truth.path().getFileName(),
                                truth.introStart(), truth.introEnd(), truth.creditsStart(), truth.creditsEnd(), info.chapters());
                    }
                    for (String type : List.of("intro", "credits")) {
                        // upstream's rule, kept: a chapter within 3 s of the file's start starts it, one within 3 s of its end ends it
                        double start = snapped(type.equals("intro") ? truth.introStart() : truth.creditsStart(), info.duration());
                        double end = snapped(type.equals("intro") ? truth.introEnd() : truth.creditsEnd(), info.duration());
                        truths++;
                        List<Chapter> of = info.chapters().stream().filter(c -> c.type().equals(type)).toList();
                        Chapter hit = of.stream().filter(c -> c.startTime() < end && start < c.endTime()).findFirst().orElse(null);
                        if (hit == null) misses++;
                        else {
                            errors.add(Math.abs(hit.startTime() - start));
                            errors.add(Math.abs(hit.endTime() - end));
                            if (Math.abs(hit.startTime() - start) <= 1 && Math.abs(hit.endTime() - end) <= 1) within++;
                        }
                        falseFinds += (int) of.stream().filter(c -> c != hit).count();
                    }
                }
            }
            int unrelated = 0;
            for (int s = 0; s < series.size(); s++) {
                Series.Episode mine = series.get(s).get(1);
                Series.Episode theirs = series.get((s + 1) % series.size()).get(1);
                // a fresh store per pair: the episode was identified with its own neighbours above
                LocalStore alone = new LocalStore(Files.createDirectories(scratch.resolve("unrelated-" + s + "-" + System.nanoTime())));
                try (ChapterIdentification other = new ChapterIdentification(new MediaInfoStore(alone), alone)) {
                    unrelated += other.identify(episode(mine), episode(theirs), null).get(10, TimeUnit.MINUTES).found().size();
                }
            }
            return new Result(series.size() * 3, truths, within, misses, falseFinds, series.size(), unrelated, errors);
        }
    }

    private static double snapped(double time, double duration) {
        return time < 3 ? 0 : duration - time < 3 ? duration : time;
    }

    private static Episode episode(Series.Episode e) {
        return new Episode(e.path(), FileIdentity.sha(e.path()));
    }
}
