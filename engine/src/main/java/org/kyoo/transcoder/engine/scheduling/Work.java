package org.kyoo.transcoder.engine.scheduling;

/**
 * What a stream's heads do, as far as their speed goes: the machine's estimates are kept apart per
 * kind, since a copy or an audio track runs a hundred times faster than a video transcode, and a
 * transcode that measured nothing yet must not be judged by them.
 */
public enum Work {
    /** Decoding, filtering and encoding video: seconds of media per second, about real time. */
    VIDEO_ENCODE,
    /** Copying a video track into segments: reading and writing packets. */
    VIDEO_COPY,
    /** An audio track, copied or encoded. */
    AUDIO
}
