package org.kyoo.transcoder.engine.encoding;

/**
 * How a stream's segments are encoded: the one place that decides it. It gives each stream its
 * {@link Presets} (a head asks them per segment) and each transcode its {@link VideoEncoding} (which
 * encoder, preset and options a segment is opened with, for the one output codec).
 * <ul>
 *   <li>Audio and copies encode no video: no preset.</li>
 *   <li>A transcode's steady preset is GOCODER_PRESET; a hardware encoder maps x264's names to its
 *       own (its profile does).</li>
 *   <li>The start-up preset is for the first segment of a head a player waits on. In fMP4 every
 *       fragment of a rendition shares one init, so a quicker preset is used there only where it
 *       writes the steady preset's parameter sets: only x264's can be made to ({@link VideoEncoding}
 *       checks each set-up); hardware encoders keep their steady preset there.</li>
 *   <li>The load preset is x264's: a hardware encoder's slots are its sessions, not the cores, and
 *       its presets are its own ({@link #loadPreset(String, boolean)}).</li>
 * </ul>
 */
public final class EncodingPolicy {
    private final String preset;
    private final String startupPreset;
    private final String loadPreset;
    /** Asked when a stream is set up, not here: an engine that never encodes may have no profile. */
    private final VideoEncoders hardware;
    /** Each segment's encoder, preset and options, at the presets decided here. */
    private final VideoEncoding video;
    /** False on a machine that must never encode video (no hardware encoder, a small CPU): copies only. */
    private final boolean encodesVideo;

    /**
     * @param preset        GOCODER_PRESET
     * @param startupPreset GOCODER_STARTUP_PRESET; null or empty: off
     * @param loadPreset    GOCODER_LOAD_PRESET; null or empty: off
     */
    public EncodingPolicy(String preset, String startupPreset, String loadPreset, VideoEncoders hardware) {
        this(preset, startupPreset, loadPreset, hardware, true);
    }

    private EncodingPolicy(String preset, String startupPreset, String loadPreset, VideoEncoders hardware, boolean encodesVideo) {
        this.preset = preset;
        this.startupPreset = startupPreset;
        this.loadPreset = loadPreset;
        this.hardware = hardware;
        this.video = new VideoEncoding(OutputCodec.TRANSCODED, hardware);
        this.encodesVideo = encodesVideo;
    }

    /** The same policy on a machine that never encodes video: only copies of the source's video are made. */
    public EncodingPolicy withoutVideoEncodes() {
        return new EncodingPolicy(preset, startupPreset, loadPreset, hardware, false);
    }

    /** Whether video may be encoded at all (false: originals only; audio is still encoded, it is cheap). */
    public boolean encodesVideo() {
        return encodesVideo;
    }

    /** How each transcoded segment's encoder is chosen and opened. */
    public VideoEncoding video() {
        return video;
    }

    /**
     * The load preset in effect, null when off: it is x264's, so an encoder on a device (its slots
     * are its sessions, its presets its own) gets none.
     *
     * @param configured GOCODER_LOAD_PRESET; null or empty: off
     */
    public static String loadPreset(String configured, boolean encodesOnDevice) {
        return encodesOnDevice || configured == null || configured.isEmpty() ? null : configured;
    }

    /**
     * The presets of a stream's heads.
     *
     * @param encodesVideo whether the stream transcodes video (not audio, not a copy)
     * @param copiesVideo  whether it copies the source's video (the original): it keeps the steady preset's name, unused
     * @param fragmented   whether its segments share one init (fMP4)
     */
    public Presets presets(boolean encodesVideo, boolean copiesVideo, boolean fragmented) {
        if (copiesVideo) return new Presets(preset, null, null);
        if (!encodesVideo) return Presets.NONE;
        boolean onDevice = hardware.encodesOnDevice();
        boolean quicker = !fragmented || !onDevice;
        return new Presets(preset, quicker ? startupPreset : null, loadPreset(loadPreset, onDevice));
    }
}
