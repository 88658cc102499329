package org.kyoo.transcoder.engine.keyframes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * What {@code keyframes.json} holds ({@link StoreKeys#keyframes}): where each segment is first
 * shown, in seconds; whether they are the every-2-s cuts made up for a file without usable
 * keyframes (absent, so false, in files saved before); and, where an open-GOP keyframe's leading
 * pictures show before it, the keyframes' own times ({@code decodeFrom}; absent when every segment
 * starts on its keyframe, and in files saved before).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedKeyframes(double[] keyframes, boolean fallback, double[] decodeFrom) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A complete list of real keyframes. */
    public SavedKeyframes(double[] keyframes) {
        this(keyframes, false, null);
    }

    /** Segment starts, made up or not, each shown from its keyframe. */
    public SavedKeyframes(double[] keyframes, boolean fallback) {
        this(keyframes, fallback, null);
    }

    /** Where each segment is decoded from: its keyframe's time, the same as its start unless it has leading pictures. */
    public double[] keyframeTimes() {
        return decodeFrom != null && decodeFrom.length == keyframes.length ? decodeFrom : keyframes;
    }

    /** The list saved for video track {@code videoTrack}; empty when there is none, an IOException when it is unreadable. */
    public static Optional<SavedKeyframes> read(Store store, String sha, int videoTrack) throws IOException {
        String key = StoreKeys.keyframes(sha, videoTrack);
        Optional<byte[]> json = store.readBytes(key);
        if (json.isEmpty()) return Optional.empty();
        SavedKeyframes saved = JSON.readValue(json.get(), SavedKeyframes.class);
        if (saved.keyframes() == null || saved.keyframes().length == 0) throw new IOException("no keyframes in " + key);
        return Optional.of(saved);
    }

    /** Saves the list as video track {@code videoTrack}'s; a reader never sees half of it. */
    public void save(Store store, String sha, int videoTrack) throws IOException {
        store.write(StoreKeys.keyframes(sha, videoTrack), JSON.writeValueAsBytes(this));
    }
}
