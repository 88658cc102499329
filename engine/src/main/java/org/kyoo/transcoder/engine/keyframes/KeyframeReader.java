package org.kyoo.transcoder.engine.keyframes;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * One file's keyframes, the fastest way that is right: the container's index when it has a
 * trustworthy one, else a packet scan; a keyframe every 2 s when the file has fewer than two
 * (no video, a cover picture).
 */
final class KeyframeReader {
    private KeyframeReader() {}

    /**
     * Appends the keyframes to {@code index} as they are found (not finishing it) and returns them all.
     *
     * @param duration the file's duration in seconds for made-up keyframes, negative to read it from the file
     */
    static double[] read(Path path, double duration, KeyframeIndex index, BooleanSupplier cancelled) {
        return read(path, 0, duration, index, cancelled);
    }

    /** @param videoTrack which video track (order among the video tracks) gives the cut points */
    static double[] read(Path path, int videoTrack, double duration, KeyframeIndex index, BooleanSupplier cancelled) {
        KeyframeBatcher batcher = null;
        MediaInput input = MediaInput.open(path);
        try {
            int video = input.videoStream(videoTrack);
            if (video < 0 && videoTrack > 0) {
                // made-up cuts are for a file without video, not for a track it does not have
                throw new MediaException(MediaException.Kind.BAD_REQUEST, "No video track " + videoTrack + " in " + path);
            }
            if (duration < 0) duration = input.duration();
            double spacing = video >= 0 ? IntraOnly.spacing(input.stream(video).codecpar().codec_id()) : 0;
            batcher = new KeyframeBatcher(index, spacing);
            if (video >= 0) {
                if (ContainerKeyframes.supports(input)) {
                    double[] indexed = ContainerKeyframes.read(input, video, duration);
                    if (indexed != null) {
                        index.append(indexed, indexed.length);
                        return indexed;
                    }
                    // Reading the index moved the demuxer: start the scan from a fresh open.
                    input.close();
                    input = MediaInput.open(path);
                }
                PacketKeyframeScanner.scan(input, video, batcher, cancelled);
            }
        } finally {
            input.close();
        }
        if (batcher.count() < 2) {
            // Nothing was published yet: batches start at 100.
            double[] dummy = KeyframeStore.dummyKeyframes(duration);
            index.appendFallback(dummy);
            return dummy;
        }
        batcher.publish();
        return index.toArray();
    }
}
