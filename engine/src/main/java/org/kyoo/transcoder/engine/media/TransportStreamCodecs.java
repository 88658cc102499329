package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG1VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG2VIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import java.util.Set;

/**
 * Video codecs an MPEG-TS segment can carry as they are. The muxer writes any codec it has no
 * stream type for as private data (VP9, AV1, ProRes, Theora…), which no player, nor libav itself,
 * reads back: such a stream is only served transcoded.
 */
public final class TransportStreamCodecs {
    private static final Set<Integer> VIDEO = Set.of(AV_CODEC_ID_H264, AV_CODEC_ID_HEVC, AV_CODEC_ID_MPEG1VIDEO,
            AV_CODEC_ID_MPEG2VIDEO, AV_CODEC_ID_MPEG4);

    private TransportStreamCodecs() {}

    /** Whether a copy of a video stream of this codec id plays from MPEG-TS segments. */
    public static boolean carriesVideo(int codecId) {
        return VIDEO.contains(codecId);
    }
}
