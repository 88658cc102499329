package org.kyoo.transcoder.engine.media;

import java.util.Set;

/**
 * Which source codecs an MPEG-TS segment can carry as they are, so that the transmuxed
 * {@code original} is offered only when a player can parse it. A codec without an ISO/IEC 13818-1
 * stream type that players read (VP8, VP9, Theora; AV1, whose TS mapping players do not parse)
 * must be transcoded instead.
 */
public final class MpegTsCodecs {
    /** libavcodec names of the video codecs with a stream type players demux (0x01, 0x02, 0x10, 0x1B, 0x24). */
    private static final Set<String> VIDEO = Set.of("mpeg1video", "mpeg2video", "mpeg4", "h264", "hevc");

    private MpegTsCodecs() {}

    /** True when a video stream of libavcodec codec {@code codec} can be copied into MPEG-TS segments. */
    public static boolean carriesVideo(String codec) {
        return codec != null && VIDEO.contains(codec);
    }
}
