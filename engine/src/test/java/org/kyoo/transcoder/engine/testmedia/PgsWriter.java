package org.kyoo.transcoder.engine.testmedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Blu-ray PGS subtitle stream written by hand, as a {@code .sup} file: the bundled FFmpeg has a
 * PGS decoder but no encoder. Each cue is one display set (PCS, WDS, PDS, ODS, END) showing a
 * white bar, then an empty display set (PCS with no object, WDS, END) clearing it, following the
 * segment layout of the published format: {@code "PG"}, PTS and DTS at 90 kHz, segment type,
 * payload size, payload.
 */
public final class PgsWriter {
    private static final int PCS = 0x16;
    private static final int WDS = 0x17;
    private static final int PDS = 0x14;
    private static final int ODS = 0x15;
    private static final int END = 0x80;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int BAR_WIDTH = 16;
    private static final int BAR_HEIGHT = 4;

    /** A cue shown from {@code start} to {@code end} seconds. */
    public record Cue(double start, double end) {}

    private PgsWriter() {}

    /** Writes a 320x180 PGS stream of {@code cues} to {@code target} and returns it. */
    public static Path write(Path target, List<Cue> cues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int composition = 0;
        for (Cue cue : cues) {
            long shown = Math.round(cue.start() * 90_000);
            segment(out, shown, PCS, composition(composition++, 0x80, true));
            segment(out, shown, WDS, window());
            segment(out, shown, PDS, palette());
            segment(out, shown, ODS, object());
            segment(out, shown, END, new byte[0]);
            long cleared = Math.round(cue.end() * 90_000);
            segment(out, cleared, PCS, composition(composition++, 0x00, false));
            segment(out, cleared, WDS, window());
            segment(out, cleared, END, new byte[0]);
        }
        try {
            Files.write(target, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void segment(ByteArrayOutputStream out, long pts, int type, byte[] payload) {
        out.write('P');
        out.write('G');
        int32(out, pts);
        int32(out, 0); // DTS: zero, as Blu-ray authoring tools write it
        out.write(type);
        int16(out, payload.length);
        out.writeBytes(payload);
    }

    /** Presentation composition: the screen size, and the one object placed (or none, to clear). */
    private static byte[] composition(int number, int state, boolean withObject) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        int16(p, WIDTH);
        int16(p, HEIGHT);
        p.write(0x10); // frame rate code: 23.976
        int16(p, number);
        p.write(state); // 0x80 epoch start, 0x00 normal
        p.write(0); // palette update: no
        p.write(0); // palette id
        p.write(withObject ? 1 : 0);
        if (withObject) {
            int16(p, 0); // object id
            p.write(0); // window id
            p.write(0); // not cropped
            int16(p, (WIDTH - BAR_WIDTH) / 2);
            int16(p, HEIGHT - 20);
        }
        return p.toByteArray();
    }

    private static byte[] window() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(1);
        p.write(0);
        int16(p, (WIDTH - BAR_WIDTH) / 2);
        int16(p, HEIGHT - 20);
        int16(p, BAR_WIDTH);
        int16(p, BAR_HEIGHT);
        return p.toByteArray();
    }

    /** Palette 0: entry 1 opaque white (Y, Cr, Cb, alpha). */
    private static byte[] palette() {
        return new byte[] {0, 0, 1, (byte) 235, (byte) 128, (byte) 128, (byte) 255};
    }

    /** The bar, run-length coded: a run of colour 1 as 00 (0x80|len) 01, then 00 00 at each line's end. */
    private static byte[] object() {
        ByteArrayOutputStream rle = new ByteArrayOutputStream();
        for (int y = 0; y < BAR_HEIGHT; y++) {
            rle.writeBytes(new byte[] {0, (byte) (0x80 | BAR_WIDTH), 1, 0, 0});
        }
        byte[] data = rle.toByteArray();
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        int16(p, 0); // object id
        p.write(0); // version
        p.write(0xC0); // first and last fragment
        int length = data.length + 4; // the width and height count too
        p.write(length >> 16);
        p.write(length >> 8);
        p.write(length);
        int16(p, BAR_WIDTH);
        int16(p, BAR_HEIGHT);
        p.writeBytes(data);
        return p.toByteArray();
    }

    private static void int16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }

    private static void int32(ByteArrayOutputStream out, long value) {
        out.write((int) (value >> 24));
        out.write((int) (value >> 16));
        out.write((int) (value >> 8));
        out.write((int) value);
    }
}
