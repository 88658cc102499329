package org.kyoo.transcoder.engine.fingerprints;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * How {@link FileFingerprints} are stored: zlib-deflated (as upstream stores its own), a tag that
 * changes with the layout or the algorithm, then each fingerprint's algorithm, start, values and
 * silent values. A stored object of another tag is computed again, never misread.
 */
final class FingerprintFormat {
    /** "KFP" and the layout's version. */
    private static final int TAG = 0x4b465001;

    private FingerprintFormat() {}

    static byte[] write(FileFingerprints prints) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(TAG);
            write(out, prints.opening());
            write(out, prints.ending());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Fingerprint print) throws IOException {
        out.writeByte(print.algorithm().fpcalcNumber());
        out.writeDouble(print.start());
        out.writeInt(print.length());
        for (int v : print.values()) out.writeInt(v);
        java.util.BitSet quiet = new java.util.BitSet(print.length());
        for (int i = 0; i < print.length(); i++) quiet.set(i, print.quiet()[i]);
        byte[] bits = quiet.toByteArray();
        out.writeInt(bits.length);
        out.write(bits);
    }

    /** The fingerprints in {@code bytes}; throws {@link IOException} for another tag or a damaged object. */
    static FileFingerprints read(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(bytes)))) {
            if (in.readInt() != TAG) throw new IOException("fingerprints of another layout");
            return new FileFingerprints(read(in), read(in));
        }
    }

    private static Fingerprint read(DataInputStream in) throws IOException {
        int number = in.readByte();
        Algorithm algorithm = null;
        for (Algorithm a : Algorithm.values()) if (a.fpcalcNumber() == number) algorithm = a;
        if (algorithm == null) throw new IOException("fingerprint of algorithm " + number);
        double start = in.readDouble();
        int count = in.readInt();
        if (count < 0 || count > 1 << 24) throw new IOException("fingerprint of " + count + " values");
        int[] values = new int[count];
        for (int i = 0; i < count; i++) values[i] = in.readInt();
        int length = in.readInt();
        // one bit per value, rounded up to whole bytes: anything else is a damaged object
        if (length < 0 || length > count / 8 + 1) throw new IOException("quiet marks of " + length + " bytes for " + count + " values");
        byte[] bits = new byte[length];
        in.readFully(bits);
        java.util.BitSet set = java.util.BitSet.valueOf(bits);
        boolean[] quiet = new boolean[count];
        for (int i = 0; i < count; i++) quiet[i] = set.get(i);
        return new Fingerprint(algorithm, start, values, quiet);
    }
}
