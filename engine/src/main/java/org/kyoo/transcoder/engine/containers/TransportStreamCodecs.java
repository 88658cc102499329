package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG1VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG2VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import java.util.Map;

/**
 * Video codecs an MPEG-TS segment can carry as they are, so that a copied {@code original} is
 * offered and served only where a player can parse it. The muxer writes any codec it has no
 * stream type for as private data (VP8, VP9, ProRes, Theora…), which no player, nor libav itself,
 * reads back; AV1 has a mapping players do not parse. Such a stream is only served transcoded.
 */
public final class TransportStreamCodecs {
    /** libavcodec's name of each codec with a stream type players demux (0x01, 0x02, 0x10, 0x1B, 0x24). */
    private static final Map<String, Integer> VIDEO = Map.of(
            "mpeg1video", AV_CODEC_ID_MPEG1VIDEO,
            "mpeg2video", AV_CODEC_ID_MPEG2VIDEO,
            "mpeg4", AV_CODEC_ID_MPEG4,
            "h264", AV_CODEC_ID_H264,
            "hevc", AV_CODEC_ID_HEVC);

    private TransportStreamCodecs() {}

    /** Whether a copy of a video stream of this codec id plays from MPEG-TS segments. */
    public static boolean carriesVideo(int codecId) {
        return VIDEO.containsValue(codecId);
    }

    /** The same, by libavcodec codec name (as media info reports it). */
    public static boolean carriesVideo(String codecName) {
        return codecName != null && VIDEO.containsKey(codecName);
    }
}
