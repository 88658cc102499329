package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TRUEHD;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get_by_name;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.global.avcodec;
import org.kyoo.transcoder.engine.av.Av;

/**
 * What a fragmented MP4 segment can carry as it is, so that a copy is offered only where its
 * segments can be written: libavformat's MP4 muxer is asked (it has no sample entry for WMA, for
 * one). TrueHD it writes only as an experimental feature, which segments do not turn on.
 */
public final class Fmp4Codecs {
    private static final Map<String, Boolean> CARRIED = new ConcurrentHashMap<>();

    private Fmp4Codecs() {}

    /** Whether a copy of a stream of this codec (libavcodec's name, as media info reports it) is written in fMP4. */
    public static boolean carries(String codecName) {
        if (codecName == null) return false;
        return CARRIED.computeIfAbsent(codecName, Fmp4Codecs::ask);
    }

    private static boolean ask(String codecName) {
        Av.load();
        AVCodecDescriptor descriptor = avcodec_descriptor_get_by_name(codecName);
        if (descriptor == null || descriptor.id() == AV_CODEC_ID_NONE || descriptor.id() == AV_CODEC_ID_TRUEHD) return false;
        AVOutputFormat mp4 = av_guess_format("mp4", null, null);
        if (mp4 == null) return false;
        return avformat_query_codec(mp4, descriptor.id(), avcodec.FF_COMPLIANCE_NORMAL) == 1;
    }

    /**
     * The RFC 6381 string of a copied audio stream as its fMP4 sample entry says it, from the one
     * media info gives ({@code mimeCodec}): an MP3's {@code esds} names MPEG-1 audio (object type
     * 0x6B), not the MPEG-4 audio object type 34 an MPEG-TS player is told.
     */
    public static String audioCodecString(String codecName, String mimeCodec) {
        return "mp3".equals(codecName) && mimeCodec != null ? "mp4a.6B" : mimeCodec;
    }
}
