package org.kyoo.transcoder.server.realmedia;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.CodecStrings;

/**
 * The RFC 6381 codec strings of what a served segment holds, read back from its bytes (with its
 * init for fMP4), to hold a master playlist's {@code CODECS} against.
 */
final class ServedCodecs {
    private ServedCodecs() {}

    /** One string per audio or video stream of {@code file}. */
    static List<String> of(Path file, byte[] init) {
        Av.load();
        AVFormatContext format = new AVFormatContext(null);
        Av.check(avformat_open_input(format, file.toString(), null, null), "avformat_open_input " + file);
        try {
            Av.check(avformat_find_stream_info(format, (PointerPointer<?>) null), "avformat_find_stream_info");
            List<String> codecs = new ArrayList<>();
            for (int i = 0; i < format.nb_streams(); i++) {
                AVCodecParameters par = format.streams(i).codecpar();
                if (par.codec_type() != AVMEDIA_TYPE_VIDEO && par.codec_type() != AVMEDIA_TYPE_AUDIO) continue;
                String codec = avcodec_get_name(par.codec_id()).getString();
                byte[] extradata = new byte[Math.max(par.extradata_size(), 0)];
                if (extradata.length > 0) par.extradata().get(extradata);
                String string = CodecStrings.of(new CodecStrings.CodecParameters(codec, par.profile(), par.level(), extradata,
                        par.bits_per_raw_sample()));
                // MP3 in MP4: what the sample entry's esds says (MPEG-1 audio is object type 0x6B)
                if (codec.equals("mp3") && init != null) string = "mp4a." + objectType(init);
                codecs.add(string == null ? codec : string);
            }
            return codecs;
        } finally {
            avformat_close_input(format);
        }
    }

    /** The objectTypeIndication of an init's esds (the DecoderConfigDescriptor's first byte), in hex. */
    private static String objectType(byte[] init) {
        String text = new String(init, java.nio.charset.StandardCharsets.ISO_8859_1);
        int esds = text.indexOf("esds");
        if (esds < 0) throw new AssertionError("no esds in the init");
        for (int i = esds + 8; i + 6 < init.length; i++) {
            // tag 0x04, then a size of 1 to 4 bytes (0x80 continuation), then the object type
            if (init[i] != 0x04) continue;
            int j = i + 1;
            while ((init[j] & 0x80) != 0) j++;
            return String.format(Locale.ROOT, "%02X", init[j + 1] & 0xff);
        }
        throw new AssertionError("no DecoderConfigDescriptor in the esds");
    }

    /**
     * Whether {@code announced} truthfully names what {@code served} is: the same codec and profile;
     * for H.264 a level at least the stream's (a player that decodes the announced level decodes it).
     */
    static boolean names(String announced, String served) {
        String a = announced.toLowerCase(Locale.ROOT);
        String s = served.toLowerCase(Locale.ROOT);
        if (a.startsWith("avc1.") && s.startsWith("avc1.") && a.length() == 11 && s.length() == 11) {
            return a.substring(5, 7).equals(s.substring(5, 7))
                    && Integer.parseInt(a.substring(9), 16) >= Integer.parseInt(s.substring(9), 16);
        }
        if (a.startsWith("hvc1.") && s.startsWith("hvc1.")) return a.split("\\.")[1].equals(s.split("\\.")[1]);
        return a.equals(s);
    }
}
