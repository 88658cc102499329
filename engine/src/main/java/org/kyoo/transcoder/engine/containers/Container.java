package org.kyoo.transcoder.engine.containers;

/**
 * What a stream's segments are written as: MPEG-TS for the v3 routes, fragmented MP4 (CMAF) for
 * upstream Kyoo's newer table. Both cut on the same boundaries with the source's timestamps.
 */
public enum Container {
    /** Self-contained {@code segment-N.ts} files. */
    TS("ts"),
    /**
     * One {@code init.mp4} per stream (ftyp + moov) and {@code segment-N.mp4} fragments (moof +
     * mdat) whose {@code tfdt} is the absolute decode time on the source's timeline.
     */
    FMP4("mp4");

    private final String extension;

    Container(String extension) {
        this.extension = extension;
    }

    /** The segment files' extension, without the dot. */
    public String extension() {
        return extension;
    }
}
