package org.kyoo.transcoder.engine.fingerprints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every stretch of at least 15 s two fingerprints share, wherever it lies in each. For each
 * alignment the votes suggest ({@link OffsetVotes}), the values side by side are compared: where
 * they differ by at most 6 bits of 32 on average over 5 values (0.6 s), the audio is the same
 * (unrelated audio differs by about 16). Silence matches nothing and ends a run. Runs up to 12 s
 * apart (a title card, a voice over the music) are one stretch, unless silence parts them (the
 * pause between the credits and a preview opening on the same sting every week); a run under
 * 2 s at either end of such a chain is left out.
 *
 * <p>A value describes 2.7 s of audio from its time, weighted towards its start: a run of alike
 * values starts about 0.3 s after the shared audio does, and ends about 1.65 s before it does
 * (measured on generated series), unless silence ends it: then the audio ends where the silence
 * starts.
 */
public final class SharedStretches {
    public static final double MIN_SECONDS = 15;
    /** Where the shared audio starts and ends, from the first and last alike values' times. */
    static final double LEAD = 0.3;
    static final double TAIL = 1.65;
    private static final int SMOOTHING = 2;
    private static final double ALIKE_BITS = 6;
    private static final int BRIDGE = items(12);
    private static final int SOLID_END = items(2);
    /** Votes an alignment needs: a fifth of the values of the shortest stretch looked for. */
    private static final int MIN_VOTES = items(MIN_SECONDS) / 5;

    private SharedStretches() {}

    private static int items(double seconds) {
        return (int) Math.round(seconds / Chromaprint.ITEM_SECONDS);
    }

    /** The stretches {@code a} shares with {@code b}, in {@code a}'s order; none between unrelated audio. */
    public static List<Stretch> between(Fingerprint a, Fingerprint b) {
        List<Stretch> found = new ArrayList<>();
        for (int offset : OffsetVotes.candidates(a, b, MIN_VOTES)) found.addAll(at(a, b, offset));
        // the same audio seen through two alignments (a repeated phrase): the longer reading wins
        found.sort(Comparator.comparingDouble(Stretch::duration).reversed());
        List<Stretch> kept = new ArrayList<>();
        for (Stretch s : found) {
            if (kept.stream().noneMatch(k -> overlap(k.start(), k.end(), s.start(), s.end())
                    || overlap(k.otherStart(), k.otherEnd(), s.otherStart(), s.otherEnd()))) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingDouble(Stretch::start));
        return kept;
    }

    private static boolean overlap(double start1, double end1, double start2, double end2) {
        return start1 < end2 && start2 < end1;
    }

    /** The stretches where {@code a}'s value {@code i} sits against {@code b}'s {@code i - offset}. */
    private static List<Stretch> at(Fingerprint a, Fingerprint b, int offset) {
        int first = Math.max(0, offset);
        int end = Math.min(a.length(), b.length() + offset);
        if (end - first <= 0) return List.of();
        int[] errors = new int[end - first];
        for (int k = 0; k < errors.length; k++) {
            errors[k] = Integer.bitCount(a.values()[first + k] ^ b.values()[first + k - offset]);
        }
        boolean[] muteA = Runs.mute(a);
        boolean[] muteB = Runs.mute(b);
        boolean[] alike = alike(errors, muteA, muteB, first, offset);
        boolean[] silent = new boolean[errors.length];
        for (int k = 0; k < errors.length; k++) silent[k] = a.quiet()[first + k] || b.quiet()[first + k - offset];
        List<Stretch> stretches = new ArrayList<>();
        for (int[] run : chains(runs(alike), silent)) {
            int i0 = first + run[0];
            int i1 = first + run[1];
            // after silence (or the silence algorithm 4 dropped before the first value) nothing blurs the start
            double start = a.timeOf(i0) + (i0 == 0 || a.quiet()[i0 - 1] ? 0 : LEAD);
            double stop = i1 + 1 < a.length() && a.quiet()[i1 + 1] ? a.timeOf(i1 + 1) : a.timeOf(i1) + TAIL;
            if (stop - start < MIN_SECONDS) continue;
            long bits = 0;
            for (int k = run[0]; k <= run[1]; k++) bits += errors[k];
            double share = bits / (32.0 * (run[1] - run[0] + 1));
            int accuracy = (int) Math.max(0, Math.min(100, Math.floor(100 * (1 - 2 * share))));
            stretches.add(new Stretch(start, b.timeOf(i0 - offset) + (start - a.timeOf(i0)), stop - start, accuracy));
        }
        return stretches;
    }

    private static boolean[] alike(int[] errors, boolean[] muteA, boolean[] muteB, int first, int offset) {
        boolean[] alike = new boolean[errors.length];
        for (int k = 0; k < errors.length; k++) {
            int from = Math.max(0, k - SMOOTHING);
            int to = Math.min(errors.length - 1, k + SMOOTHING);
            int sum = 0;
            for (int m = from; m <= to; m++) sum += errors[m];
            int i = first + k;
            alike[k] = sum <= ALIKE_BITS * (to - from + 1) && !muteA[i] && !muteB[i - offset];
        }
        return alike;
    }

    /** Runs of alike values as [first, last] index pairs. */
    private static List<int[]> runs(boolean[] alike) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int k = 0; k <= alike.length; k++) {
            boolean on = k < alike.length && alike[k];
            if (on && start < 0) start = k;
            if (!on && start >= 0) {
                runs.add(new int[] {start, k - 1});
                start = -1;
            }
        }
        return runs;
    }

    /**
     * Runs at most {@link #BRIDGE} apart and without silence between them joined, each chain
     * without its short runs at either end.
     */
    private static List<int[]> chains(List<int[]> runs, boolean[] silent) {
        List<int[]> out = new ArrayList<>();
        int k = 0;
        while (k < runs.size()) {
            int last = k;
            while (last + 1 < runs.size() && bridged(runs.get(last), runs.get(last + 1), silent)) last++;
            int from = k;
            int to = last;
            while (from < to && length(runs.get(from)) < SOLID_END) from++;
            while (to > from && length(runs.get(to)) < SOLID_END) to--;
            out.add(new int[] {runs.get(from)[0], runs.get(to)[1]});
            k = last + 1;
        }
        return out;
    }

    private static boolean bridged(int[] before, int[] after, boolean[] silent) {
        if (after[0] - before[1] - 1 > BRIDGE) return false;
        for (int k = before[1] + 1; k < after[0]; k++) if (silent[k]) return false;
        return true;
    }

    private static int length(int[] run) {
        return run[1] - run[0] + 1;
    }
}
