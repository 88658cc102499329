package org.kyoo.transcoder.benchmarks.device;

/** What the check saw on one file; {@code error} is null when it ran to the end. */
final class DecodeCheckResult {
    /** A picture whose luma spans fewer levels than this is taken as blank (one flat colour). */
    private static final int BLANK_RANGE = 16;

    final String file;
    String codec = "?";
    String sourceSize = "?";
    int clockwise;
    boolean interlaced;
    int decoded;
    int onDevice;
    String softwareFormat;
    String chain;
    int filtered;
    String outputSize = "?";
    String outputFormat = "?";
    String expectedSize = "?";
    int lumaMin = -1;
    int lumaMax = -1;
    String encoder;
    int encoderOpen = 1;
    int packets;
    long millis;
    String error;

DecodeCheckResult(String file) {
        this.file = file;
    }

    boolean blank() {
        return lumaMax - lumaMin < BLANK_RANGE;
    }
}
