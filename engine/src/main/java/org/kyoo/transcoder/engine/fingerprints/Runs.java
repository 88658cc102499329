package org.kyoo.transcoder.engine.fingerprints;

/** Values that say nothing of where they are: silence, or a note held so long that nothing changes. */
final class Runs {
    /** Three equal values in a row: 0.25 s without any change. */
    private static final int STILL = 3;

    private Runs() {}

    /** Which values are silent or belong to a run of at least three equal ones. */
    static boolean[] mute(Fingerprint print) {
        boolean[] mute = still(print.values());
        for (int i = 0; i < mute.length; i++) mute[i] |= print.quiet()[i];
        return mute;
    }

    /** Which values belong to a run of at least three equal ones. */
    static boolean[] still(int[] values) {
        boolean[] still = new boolean[values.length];
        int start = 0;
        for (int i = 1; i <= values.length; i++) {
            if (i < values.length && values[i] == values[start]) continue;
            if (i - start >= STILL) java.util.Arrays.fill(still, start, i, true);
            start = i;
        }
        return still;
    }
}
