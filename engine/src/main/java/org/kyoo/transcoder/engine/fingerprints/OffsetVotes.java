package org.kyoo.transcoder.engine.fingerprints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alignments worth looking at between two fingerprints: every pair of values whose top bits
 * agree votes for its offset (AcoustID's way: the first classifiers' bits are the steadiest), and
 * offsets with many votes are candidates. Silent values and values inside a run of equal ones (a
 * held note) do not vote: they would align anything with anything. A value too common in the
 * other fingerprint does not vote either.
 */
final class OffsetVotes {
    private static final int KEY_BITS = 14;
    /** A value present more often than this in the other fingerprint says nothing of where. */
    private static final int COMMON = 16;
    /** At most this many alignments are looked at. */
    private static final int CANDIDATES = 8;

    private OffsetVotes() {}

    /**
     * Offsets {@code o} (value {@code i} of {@code a} against {@code i - o} of {@code b}) with at
     * least {@code minVotes} votes on the offset and its two neighbours, best first.
     */
    static List<Integer> candidates(Fingerprint fa, Fingerprint fb, int minVotes) {
        int[] a = fa.values();
        int[] b = fb.values();
        boolean[] stillA = Runs.mute(fa);
        boolean[] stillB = Runs.mute(fb);
        Map<Integer, List<Integer>> where = new HashMap<>();
        for (int j = 0; j < b.length; j++) {
            if (!stillB[j]) where.computeIfAbsent(b[j] >>> (32 - KEY_BITS), k -> new ArrayList<>()).add(j);
        }
        int[] votes = new int[a.length + b.length + 1];
        int base = b.length;
        for (int i = 0; i < a.length; i++) {
            if (stillA[i]) continue;
            List<Integer> js = where.get(a[i] >>> (32 - KEY_BITS));
            if (js == null || js.size() > COMMON) continue;
            for (int j : js) votes[i - j + base]++;
        }
        List<int[]> peaks = new ArrayList<>();
        for (int o = 0; o < votes.length; o++) {
            int around = votes[o] + (o > 0 ? votes[o - 1] : 0) + (o + 1 < votes.length ? votes[o + 1] : 0);
            boolean peak = (o == 0 || votes[o] >= votes[o - 1]) && (o + 1 == votes.length || votes[o] > votes[o + 1]);
            if (peak && around >= minVotes) peaks.add(new int[] {o - base, around});
        }
        peaks.sort((x, y) -> Integer.compare(y[1], x[1]));
        List<Integer> offsets = new ArrayList<>();
        for (int k = 0; k < Math.min(CANDIDATES, peaks.size()); k++) offsets.add(peaks.get(k)[0]);
        return offsets;
    }
}
