package org.kyoo.transcoder.engine.testmedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.kyoo.transcoder.engine.media.MediaInput;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

/**
 * A tiny ISO-BMFF reader, independent of libav: the boxes an HLS player reads from an fMP4
 * stream (ftyp, moov's timescale and sample entry, moof's tfdt and trun).
 */
public final class Boxes {
    /** A box: its type and its payload's bounds in {@code data}. */
    public record Box(String type, byte[] data, int start, int end) {
        ByteBuffer payload() {
            return ByteBuffer.wrap(data, start, end - start).slice();
        }

        List<Box> children() {
            return Boxes.parse(data, start + (type.equals("stsd") ? 8 : 0), end);
        }

        Box child(String path) {
            Box at = this;
            for (String name : path.split("/")) {
                Box found = null;
                for (Box b : at.children()) {
                    if (b.type.equals(name)) {
                        found = b;
                        break;
                    }
                }
                if (found == null) throw new AssertionError("no " + name + " in " + at.type + " (" + path + ")");
                at = found;
            }
            return at;
        }
    }

    /** One sample of a fragment's trun. */
    public record Sample(long duration, int size, int compositionOffset) {}

    /** A media segment as a player sees it: its decode start and samples, with their bytes. */
    public record Fragment(long baseMediaDecodeTime, List<Sample> samples, List<byte[]> data) {
        public long duration() {
            return samples.stream().mapToLong(Sample::duration).sum();
        }

        public long end() {
            return baseMediaDecodeTime + duration();
        }
    }

    private Boxes() {}

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Box> top(Path file) {
        byte[] data = bytes(file);
        return parse(data, 0, data.length);
    }

    public static List<String> types(List<Box> boxes) {
        return boxes.stream().map(Box::type).toList();
    }

    public static List<Box> parse(byte[] data, int from, int to) {
        List<Box> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data);
        int at = from;
        while (at + 8 <= to) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            String type = new String(data, at + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                size = b.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) throw new AssertionError("box " + type + " at " + at + " overruns its parent");
            out.add(new Box(type, data, at + header, (int) (at + size)));
            at += (int) size;
        }
        if (at != to) throw new AssertionError(to - at + " stray bytes after the last box");
        return out;
    }

    public static Box find(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> b.type.equals(type)).findFirst().orElseThrow(() -> new AssertionError("no " + type));
    }

    /** The timescale of the init's (only) track. */
    public static long timescale(Path init) {
        ByteBuffer p = find(top(init), "moov").child("trak/mdia/mdhd").payload();
        int version = p.get(0);
        return p.getInt(version == 1 ? 20 : 12) & 0xFFFFFFFFL;
    }

    /** The init's sample entry type: avc1, hvc1, mp4a, ac-3, … */
    public static String sampleEntry(Path init) {
        return find(top(init), "moov").child("trak/mdia/minf/stbl/stsd").children().get(0).type();
    }

    /** The segment's single fragment: tfdt and trun read, each sample's bytes cut from mdat. */
    public static Fragment fragment(Path segment) {
        List<Box> boxes = top(segment);
        Box moof = find(boxes, "moof");
        Box traf = moof.child("traf");
        ByteBuffer tfhd = traf.child("tfhd").payload();
        int tfhdFlags = tfhd.getInt(0) & 0xFFFFFF;
        int at = 8;
        if ((tfhdFlags & 0x1) != 0) at += 8;
        if ((tfhdFlags & 0x2) != 0) at += 4;
        long defaultDuration = 0;
        int defaultSize = 0;
        if ((tfhdFlags & 0x8) != 0) {
            defaultDuration = tfhd.getInt(at) & 0xFFFFFFFFL;
            at += 4;
        }
        if ((tfhdFlags & 0x10) != 0) defaultSize = tfhd.getInt(at);

        ByteBuffer tfdt = traf.child("tfdt").payload();
        long base = tfdt.get(0) == 1 ? tfdt.getLong(4) : tfdt.getInt(4) & 0xFFFFFFFFL;

        ByteBuffer trun = traf.child("trun").payload();
        int version = trun.get(0);
        int flags = trun.getInt(0) & 0xFFFFFF;
        int count = trun.getInt(4);
        int pos = 8;
        int dataOffset = 0;
        if ((flags & 0x1) != 0) {
            dataOffset = trun.getInt(pos);
            pos += 4;
        }
        if ((flags & 0x4) != 0) pos += 4;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long duration = defaultDuration;
            int size = defaultSize;
            int cts = 0;
            if ((flags & 0x100) != 0) { duration = trun.getInt(pos) & 0xFFFFFFFFL; pos += 4; }
            if ((flags & 0x200) != 0) { size = trun.getInt(pos); pos += 4; }
            if ((flags & 0x400) != 0) pos += 4;
            if ((flags & 0x800) != 0) {
                cts = trun.getInt(pos);
                if (version == 0 && cts < 0) throw new AssertionError("trun v0 with an offset over 2^31");
                pos += 4;
            }
            samples.add(new Sample(duration, size, cts));
        }
        // default_base_moof: the data offset counts from the moof's first byte
        int moofStart = moof.start() - 8;
        int sample = moofStart + dataOffset;
        Box mdat = find(boxes, "mdat");
        List<byte[]> data = new ArrayList<>();
        for (Sample s : samples) {
            if (sample < mdat.start() || sample + s.size() > mdat.end()) throw new AssertionError("sample outside mdat");
            data.add(java.util.Arrays.copyOfRange(segmentBytes(mdat), sample, sample + s.size()));
            sample += s.size();
        }
        return new Fragment(base, samples, data);
    }

    /** Whether the fragment's first sample (4-byte NAL lengths, as avcC says) holds an IDR slice. */
    public static boolean opensOnIdr(Fragment fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment.data().get(0));
        while (b.remaining() > 4) {
            int length = b.getInt();
            if (length <= 0 || length > b.remaining()) return false;
            if ((b.get(b.position()) & 0x1F) == 5) return true;
            b.position(b.position() + length);
        }
        return false;
    }

    private static byte[] segmentBytes(Box b) {
        return b.data();
    }

    /** init + segment as one file, which a reader (libav here, a player's MSE) decodes as a whole. */
    public static Path joined(Path init, Path segment, Path to) {
        try {
            Files.write(to, bytes(init));
            Files.write(to, bytes(segment), java.nio.file.StandardOpenOption.APPEND);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The track's packets as the demuxer gives them, in order, from {@code from} seconds on. */
    public static List<byte[]> sourceAudioPackets(Path file, int track, double from) {
        List<byte[]> out = new ArrayList<>();
        try (MediaInput in = MediaInput.open(file)) {
            int stream = in.audioStream(track);
            AVPacket p = av_packet_alloc();
            try {
                while (in.read(p)) {
                    if (p.stream_index() == stream && p.pts() * org.bytedeco.ffmpeg.global.avutil.av_q2d(in.stream(stream).time_base()) >= from - 0.003) {
                        byte[] b = new byte[p.size()];
                        p.data().get(b);
                        out.add(b);
                    }
                    av_packet_unref(p);
                }
            } finally {
                av_packet_free(p);
            }
        }
        return out;
    }
}
