package org.kyoo.transcoder.engine.encoding;

import java.util.Map;
import java.util.function.Function;
import org.kyoo.transcoder.engine.codecs.Encoder;

/**
 * How a transcode's segments are encoded on this machine: the output codec by the machine's
 * encoder for it, at the preset the segment's head asks for ({@link Presets}), where the container
 * allows it.
 */
public final class VideoEncoding {
    private final OutputCodec codec;
    /** Asked per segment, not here: an engine that never encodes may have no profile. */
    private final VideoEncoders machine;

    public VideoEncoding(OutputCodec codec, VideoEncoders machine) {
        this.codec = codec;
        this.machine = machine;
    }

    /**
     * The encoder, preset and options of one segment.
     *
     * @param preset     the preset its head asks for (null: none)
     * @param steady     the preset of a segment made in the usual way (null: the same as {@code preset})
     * @param sharedInit whether the segments share one init (fMP4), which holds the steady preset's parameter sets
     * @param setup      what the encoder is opened with besides its own options (size, format, rate, time base):
     *                   each set-up is checked once
     * @param open       opens an encoder as the segment would, writing its parameter sets to its global header
     */
    public EncoderChoice choose(String preset, String steady, boolean sharedInit, String setup,
                                Function<EncoderChoice, Encoder> open) {
        EncoderSetup encoder = machine.encoder(codec);
        EncoderChoice asked = new EncoderChoice(encoder, preset, Map.of());
        if (!sharedInit || preset == null || steady == null || preset.equals(steady)) return asked;
        // one init for every fragment: a quicker preset only where it writes the same SPS and PPS
        // (only x264's fMP4 renditions are given quicker presets: EncodingPolicy)
        Map<String, String> options = encoder.matchingParameterSets(encoder.name() + " " + setup, steady, preset,
                (p, extra) -> open.apply(new EncoderChoice(encoder, p, extra)));
        return options == null ? new EncoderChoice(encoder, steady, Map.of()) : new EncoderChoice(encoder, preset, options);
    }
}
