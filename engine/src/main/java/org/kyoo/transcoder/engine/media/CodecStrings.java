package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_HE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_AAC_HE_V2;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_MAIN;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_HEVC_MAIN_10;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_UNKNOWN;

import java.util.Locale;

/**
 * RFC 6381 codec strings ({@code avc1.640028}, {@code mp4a.40.2}) as HLS playlists and MSE want
 * them, from what the container headers say: the stream's profile and level when libav knows
 * them, else the codec configuration record in its extradata (avcC, hvcC, av1C,
 * AudioSpecificConfig), so no frame has to be decoded.
 */
public final class CodecStrings {
    private CodecStrings() {}

    /**
     * What a stream's codec string is made of.
     *
     * @param codec            libavcodec name ("h264", "aac")
     * @param profile          libav profile, {@code AV_PROFILE_UNKNOWN} (-99) when not known
     * @param level            libav level, {@code AV_LEVEL_UNKNOWN} (-99) when not known
     * @param extradata        the codec's global header, empty when none
     * @param bitsPerRawSample bit depth of video samples, 0 when not known
     */
    public record CodecParameters(String codec, int profile, int level, byte[] extradata, int bitsPerRawSample) {}

    /** The codec string, null for a codec without one (the original's list: h264, hevc, av1, aac, mp3, opus, ac3, eac3, flac, alac). */
    public static String of(CodecParameters p) {
        return switch (p.codec()) {
            case "h264" -> h264(p);
            case "hevc", "h265" -> hevc(p);
            case "av1" -> av1(p);
            case "aac" -> aac(p);
            case "mp3" -> "mp4a.40.34";
            case "opus" -> "Opus";
            case "ac3" -> "mp4a.a5";
            case "eac3" -> "mp4a.a6";
            case "flac" -> "fLaC";
            case "alac" -> "alac";
            default -> null;
        };
    }

    private static boolean known(int value) {
        return value != AV_PROFILE_UNKNOWN && value >= 0;
    }

    private static String h264(CodecParameters p) {
        int profile = p.profile();
        int level = p.level();
        byte[] sps = h264ProfileBytes(p.extradata());
        if (sps != null) {
            int idc = sps[0] & 0xff;
            boolean constrainedSet1 = (sps[1] & 0x40) != 0;
            if (!known(profile)) {
                profile = idc == AV_PROFILE_H264_BASELINE && constrainedSet1 ? AV_PROFILE_H264_CONSTRAINED_BASELINE : idc;
            }
            if (!known(level)) level = sps[2] & 0xff;
        }
        // The original's table (after Jellyfin and hlsenc.c) for the 8-bit 4:2:0 profiles. Past
        // High (High 10, 4:2:2, 4:4:4) the profile is named as it is: announced as constrained
        // baseline, a player that cannot decode it picked it anyway and failed.
        String prefix;
        if (profile == AV_PROFILE_H264_HIGH) prefix = "avc1.6400";
        else if (profile == AV_PROFILE_H264_MAIN) prefix = "avc1.4D40";
        else if (profile == AV_PROFILE_H264_BASELINE) prefix = "avc1.42E0";
        else if (known(profile) && (profile & 0xff) > AV_PROFILE_H264_HIGH) prefix = String.format(Locale.ROOT, "avc1.%02x%02x",
                profile & 0xff, sps != null ? sps[1] & 0xff : 0);
        else prefix = "avc1.4240";
        return prefix + String.format(Locale.ROOT, "%02x", Math.max(level, 0));
    }

    /** profile_idc, constraint flags, level_idc: from an avcC record or an Annex B SPS. */
    private static byte[] h264ProfileBytes(byte[] ex) {
        if (ex.length >= 4 && ex[0] == 1) return new byte[] {ex[1], ex[2], ex[3]};
        for (int i = 0; i + 6 < ex.length; i++) {
            if (ex[i] == 0 && ex[i + 1] == 0 && ex[i + 2] == 1 && (ex[i + 3] & 0x1f) == 7) {
                return new byte[] {ex[i + 4], ex[i + 5], ex[i + 6]};
            }
        }
        return null;
    }

    private static String hevc(CodecParameters p) {
        byte[] ex = p.extradata();
        if (ex.length >= 13 && ex[0] == 1) {
            // ISO/IEC 14496-15 Annex E: hvc1.[space][profile].[compat, bit-reversed].[tier][level].[constraints]
            int space = (ex[1] & 0xff) >> 6;
            boolean highTier = (ex[1] & 0x20) != 0;
            int profileIdc = ex[1] & 0x1f;
            long compat = ((ex[2] & 0xffL) << 24) | ((ex[3] & 0xffL) << 16) | ((ex[4] & 0xffL) << 8) | (ex[5] & 0xffL);
            long reversed = Long.reverse(compat) >>> 32;
            int levelIdc = ex[12] & 0xff;
            StringBuilder s = new StringBuilder("hvc1.");
            if (space > 0) s.append((char) ('A' + space - 1));
            s.append(profileIdc).append('.').append(Long.toHexString(reversed).toUpperCase(Locale.ROOT));
            s.append('.').append(highTier ? 'H' : 'L').append(levelIdc);
            int last = 11;
            while (last >= 6 && ex[last] == 0) last--;
            for (int i = 6; i <= last; i++) s.append('.').append(String.format(Locale.ROOT, "%02X", ex[i] & 0xff));
            return s.toString();
        }
        // No configuration record: the original's approximation, with the level in decimal as RFC 6381 wants.
        String profile = p.profile() == AV_PROFILE_HEVC_MAIN_10 ? "2.4" : "1.4";
        return "hvc1." + profile + ".L" + Math.max(p.level(), 0) + ".B0";
    }

    private static String av1(CodecParameters p) {
        byte[] ex = p.extradata();
        int profile = p.profile();
        int level = p.level();
        boolean highTier = false;
        int depth = p.bitsPerRawSample();
        if (ex.length >= 3 && (ex[0] & 0xff) == 0x81) {
            // av1C: marker+version, then seq_profile(3) seq_level_idx_0(5), then tier, high_bitdepth, twelve_bit
            if (!known(profile)) profile = (ex[1] & 0xff) >> 5;
            if (!known(level)) level = ex[1] & 0x1f;
            highTier = (ex[2] & 0x80) != 0;
            boolean high = (ex[2] & 0x40) != 0;
            boolean twelve = (ex[2] & 0x20) != 0;
            depth = twelve ? 12 : high ? 10 : 8;
        }
        if (depth != 8 && depth != 10 && depth != 12) depth = 8;
        return String.format(Locale.ROOT, "av01.%d.%02d%c.%02d",
                Math.max(profile, 0), Math.max(level, 0), highTier ? 'H' : 'M', depth);
    }

    private static String aac(CodecParameters p) {
        int profile = p.profile();
        byte[] ex = p.extradata();
        if (!known(profile) && ex.length >= 1) {
            // AudioSpecificConfig: audioObjectType in the first 5 bits (5: SBR, 29: PS); profile = AOT - 1.
            profile = ((ex[0] & 0xff) >> 3) - 1;
        }
        if (profile == AV_PROFILE_AAC_HE) return "mp4a.40.5";
        if (profile == AV_PROFILE_AAC_HE_V2) return "mp4a.40.29";
        return "mp4a.40.2";
    }
}
