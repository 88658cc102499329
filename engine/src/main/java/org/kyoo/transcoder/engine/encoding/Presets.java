package org.kyoo.transcoder.engine.encoding;

/**
 * The presets one stream's heads encode with, each null where it does not apply: the steady one
 * (GOCODER_PRESET; null for a stream that encodes no video), the start-up one for the segment a
 * player waits on, and the load one for a segment begun while more heads want the CPU than it has
 * slots for. See {@link EncodingPolicy} for who gets which.
 */
public record Presets(String steady, String startup, String load) {
    /** A stream that encodes no video: audio, or a copy. */
    public static final Presets NONE = new Presets(null, null, null);

    public Presets {
        startup = blank(startup) ? null : startup;
        load = blank(load) ? null : load;
    }

    /** The preset of a head's first segment: the start-up one when a player waits for it. */
    public String first(boolean playerWaiting) {
        return playerWaiting && startup != null ? startup : steady;
    }

    /**
     * The preset of segment n of a head that began at {@code first} with {@code firstPreset}: the
     * start-up segments stay at the start-up preset, the quickest to a picture: the first, and the
     * one after it, since a player that jumped into the first may have only its last frames to play
     * (a seek to where a segment ends waits on both); while {@code overcommitted}, every head falls
     * behind at the steady preset, so a quicker one serves more players in time (decided per segment).
     */
    public String of(int n, int first, String firstPreset, boolean overcommitted) {
        if (startup(n, first, firstPreset)) return firstPreset;
        if (load != null && overcommitted) return load;
        return steady;
    }

    /**
     * Whether segment n of a head that began at {@code first} with {@code firstPreset} is one of its
     * start-up segments, made at the start-up preset (its speed says nothing of the steady preset's).
     */
    public boolean startup(int n, int first, String firstPreset) {
        return n >= first && n - first <= 1 && firstPreset != null && !firstPreset.equals(steady);
    }

    /** This stream without its load preset (a planning rule that does not throttle). */
    public Presets withoutLoad() {
        return new Presets(steady, startup, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
