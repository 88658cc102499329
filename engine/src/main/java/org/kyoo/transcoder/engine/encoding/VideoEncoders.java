package org.kyoo.transcoder.engine.encoding;

/**
 * Where a machine's video encoders are: on the CPU, or on a device (the hardware profiles, which
 * own the device's set-up and name their encoder for each output codec).
 */
public interface VideoEncoders {
    /**
     * Whether the encoder runs on a device (its slots are the device's encoder sessions, and its
     * presets its own) rather than on the cores it shares with every other head.
     */
    boolean encodesOnDevice();

    /**
     * The encoder writing {@code codec} here, set up as this machine's encoders are; a runtime
     * exception naming the machine and the codec when it has none.
     */
    EncoderSetup encoder(OutputCodec codec);
}
