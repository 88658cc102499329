package org.kyoo.transcoder.server.playlists;

import java.util.Locale;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * What the variants of an HDR file say of their light, so a player that cannot show HDR picks a
 * tone-mapped level: the original its {@code VIDEO-RANGE} ({@code PQ} or {@code HLG}), with Dolby
 * Vision's codec as {@code SUPPLEMENTAL-CODECS} when the base layer plays without it (Apple's
 * authoring rules: {@code dvh1.08.LL/db1p} on an HDR10 base, {@code db4h} on HLG, {@code db2g} on
 * SDR); every transcode {@code VIDEO-RANGE=SDR}. An SDR file's variants say nothing (HLS's default
 * is SDR), as before.
 */
final class VideoRanges {
    private VideoRanges() {}

    /** The original's attributes ({@code VIDEO-RANGE=PQ,SUPPLEMENTAL-CODECS="…"}), null for an SDR file. */
    static String original(MediaInfo.Video video) {
        if (!isHdr(video)) return null;
        String range = "VIDEO-RANGE=" + (video.videoRange() == null ? MediaInfo.SDR : video.videoRange());
        MediaInfo.DolbyVision dv = video.dolbyVision();
        String brand = dv == null ? null : switch (dv.compatibility()) {
            case "HDR10" -> "db1p";
            case "HLG" -> "db4h";
            case "SDR" -> "db2g";
            default -> null;
        };
        if (brand == null) return range;
        return range + String.format(Locale.ROOT, ",SUPPLEMENTAL-CODECS=\"dvh1.%02d.%02d/%s\"", dv.profile(), dv.level(), brand);
    }

    /** A transcode's attribute ({@code VIDEO-RANGE=SDR}: tone-mapped), null for an SDR file. */
    static String transcoded(MediaInfo.Video video) {
        return isHdr(video) ? "VIDEO-RANGE=" + MediaInfo.SDR : null;
    }

    private static boolean isHdr(MediaInfo.Video video) {
        return video != null && video.hdr() != null;
    }
}
