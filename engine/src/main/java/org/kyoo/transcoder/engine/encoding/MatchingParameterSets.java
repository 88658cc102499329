package org.kyoo.transcoder.engine.encoding;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.kyoo.transcoder.engine.codecs.Encoder;

/**
 * fMP4 renditions share one {@code init.mp4}, whose {@code avcC} holds the H.264 parameter sets
 * of whichever segment was published first, so every segment must be written with the same SPS
 * and PPS. x264's quicker presets write other ones, but only in two PPS fields (measured with
 * FFmpeg 8.1's libx264: {@code fast} against {@code superfast} and {@code veryfast} at 720p): the
 * default reference count ({@code ref}) and the chroma QP offset (psy-rd, on at {@code subme} 6
 * and above, moves it). This finds the x264 options under which a quicker preset writes the
 * steady preset's parameter sets byte for byte, checking with real encoders, so anything else
 * that would differ (another build, another preset pair) leaves the quicker preset unused.
 */
public final class MatchingParameterSets {
    private MatchingParameterSets() {}

    /** Answers by encoder set-up (size, rate, quality, presets): a seek's head should not open two encoders each time. */
    private static final Map<String, String> KNOWN = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 256;
        }
    };

    /**
     * {@link #find(BiFunction, String, String)}, remembered under {@code setup} (everything the
     * encoder is opened with but the preset), so each set-up is checked once per process.
     */
    public static String find(String setup, BiFunction<String, String, Encoder> open, String steady, String quick) {
        String key = setup + " " + steady + " " + quick;
        synchronized (KNOWN) {
            String known = KNOWN.get(key);
            if (known != null) return known;
        }
        String found = find(open, steady, quick);
        if (found == null) return "";
        synchronized (KNOWN) {
            KNOWN.put(key, found);
        }
        return found;
    }

    /**
     * The {@code x264-params} under which {@code quick} writes the same global header as
     * {@code steady}; empty when there are none; null when it could not tell (an encoder that did
     * not open: perhaps for a passing reason, so not an answer to keep).
     *
     * @param open opens the encoder as the segments use it, with a global header, at a preset
     *             and extra {@code x264-params} (null: none)
     */
    public static String find(BiFunction<String, String, Encoder> open, String steady, String quick) {
        try {
            byte[] wanted;
            try (Encoder e = open.apply(steady, null)) {
                wanted = globalHeader(e.context());
            }
            int[] fields = refsAndChromaOffset(wanted);
            if (fields == null) return "";
            String params = "ref=" + fields[0] + ":chroma-qp-offset=" + fields[1];
            try (Encoder e = open.apply(quick, params)) {
                return Arrays.equals(wanted, globalHeader(e.context())) ? params : "";
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static byte[] globalHeader(AVCodecContext ctx) {
        int size = ctx.extradata_size();
        if (size <= 0 || ctx.extradata() == null || ctx.extradata().isNull()) return new byte[0];
        byte[] out = new byte[size];
        ctx.extradata().position(0).get(out, 0, size);
        return out;
    }

    /**
     * The PPS's default reference count ({@code num_ref_idx_l0_default_active_minus1 + 1}) and
     * {@code chroma_qp_index_offset}, from an Annex B or {@code avcC} global header; null when it
     * holds no PPS this reads (slice groups, truncated).
     */
    public static int[] refsAndChromaOffset(byte[] header) {
        byte[] pps = header.length > 0 && header[0] == 1 ? ppsFromAvcc(header) : ppsFromAnnexB(header);
        if (pps == null || pps.length < 2) return null;
        try {
            Bits b = new Bits(unescape(pps));
            b.ue(); // pic_parameter_set_id
            b.ue(); // seq_parameter_set_id
            b.bit(); // entropy_coding_mode_flag
            b.bit(); // bottom_field_pic_order_in_frame_present_flag
            if (b.ue() != 0) return null; // slice groups: not what x264 writes
            int l0 = b.ue();
            // H.264 allows 0..31; anything else is not a PPS this understands
            if (l0 < 0 || l0 > 31) return null;
            b.ue(); // num_ref_idx_l1_default_active_minus1
            b.bit(); // weighted_pred_flag
            b.bits(2); // weighted_bipred_idc
            b.se(); // pic_init_qp_minus26
            b.se(); // pic_init_qs_minus26
            int chroma = b.se();
            if (chroma < -12 || chroma > 12) return null;
            return new int[] {l0 + 1, chroma};
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The first PPS NAL (type 8), header byte included, of an Annex B stream. */
    private static byte[] ppsFromAnnexB(byte[] data) {
        int i = 0;
        while (true) {
            int start = nextStart(data, i);
            if (start < 0) return null;
            int end = nextStart(data, start);
            int to = end < 0 ? data.length : end - 3;
            // a 4-byte start code leaves a zero at the end of the NAL before it
            while (end >= 0 && to > start && data[to - 1] == 0) to--;
            if (start < data.length && (data[start] & 0x1f) == 8) return Arrays.copyOfRange(data, start, to);
            i = start;
        }
    }

    /** Index just past the next 00 00 01 at or after {@code from}; -1 when none. */
    private static int nextStart(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) return i + 3;
        }
        return -1;
    }

    private static byte[] ppsFromAvcc(byte[] data) {
        if (data.length < 7) return null;
        int at = 6;
        int sps = data[5] & 0x1f;
        for (int k = 0; k < sps; k++) {
            if (at + 2 > data.length) return null;
            at += 2 + (((data[at] & 0xff) << 8) | (data[at + 1] & 0xff));
        }
        if (at + 3 > data.length || (data[at] & 0xff) == 0) return null;
        int length = ((data[at + 1] & 0xff) << 8) | (data[at + 2] & 0xff);
        if (at + 3 + length > data.length) return null;
        return Arrays.copyOfRange(data, at + 3, at + 3 + length);
    }

    /** The RBSP after the NAL header byte: emulation-prevention bytes (00 00 03) removed. */
    private static byte[] unescape(byte[] nal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        int zeros = 0;
        for (int i = 1; i < nal.length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Big-endian bit reader with Exp-Golomb codes. */
    private static final class Bits {
        private final byte[] data;
        private int bit;

        Bits(byte[] data) {
            this.data = data;
        }

        int bit() {
            int v = (data[bit >> 3] >> (7 - (bit & 7))) & 1;
            bit++;
            return v;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) v = (v << 1) | bit();
            return v;
        }

        int ue() {
            int zeros = 0;
            while (bit() == 0) {
                if (++zeros > 31) throw new ArrayIndexOutOfBoundsException("Exp-Golomb code too long");
            }
            return (int) ((1L << zeros) - 1 + bits(zeros));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
