package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.hdr.DolbyVision;

/**
 * One segment file with a single stream (MPEG-TS or fragmented MP4), written under a temporary
 * name. {@link #finish()} writes the trailer and closes it; closing without finishing deletes the
 * partial file. Timestamps are written as given: the source's own timeline, no muxer delay, no
 * shift. A finished fMP4 segment is split: fragments in the file, header beside it
 * ({@link Fmp4Split#initFile(Path)}).
 */
public final class SegmentWriter implements AutoCloseable {
    /** Apple's players want HEVC tagged hvc1 (parameter sets in the init), not Matroska's or hev1. */
    private static final int HVC1 = 'h' | 'v' << 8 | 'c' << 16 | '1' << 24;
    /** Dolby Vision without a base layer other players decode (profile 5): Apple's rules tag it dvh1. */
    private static final int DVH1 = 'd' | 'v' << 8 | 'h' << 16 | '1' << 24;
    private final Path file;
    private final Container container;
    private static final System.Logger LOG = System.getLogger(SegmentWriter.class.getName());

    private final OutputFile out;
    private final AVRational sourceTimeBase;
    private boolean finished;
    private long lastDts = AV_NOPTS_VALUE;
    private int dropped;
    /** fMP4: the last packet, written once the next one or the segment's end gives its duration. */
    private AVPacket held;
    private boolean holding;
    /** fMP4: how far the muxer moves decode times up (the first packet's pts - dts, stream time base). */
    private long shift = AV_NOPTS_VALUE;
    /** fMP4: the first packet's pts and the smallest pts written (leading pictures show before the keyframe). */
    private long firstPts = AV_NOPTS_VALUE, minPts = AV_NOPTS_VALUE;

    /** A segment of packets encoded by {@code encoder} (timestamps in its time base), in {@code container}. */
    public static SegmentWriter forEncoder(Path file, AVCodecContext encoder, Container container) {
        return new SegmentWriter(file, encoder.time_base(), container, stream ->
                Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "avcodec_parameters_from_context"));
    }

    /** A segment of packets copied from a source stream (timestamps in {@code timeBase}), in {@code container}. */
    public static SegmentWriter forCopy(Path file, AVCodecParameters parameters, AVRational timeBase, Container container) {
        DolbyVision dv = DolbyVision.of(parameters);
        return new SegmentWriter(file, timeBase, container, stream -> {
            Av.check(avcodec_parameters_copy(stream.codecpar(), parameters), "avcodec_parameters_copy");
            // the source container's tag (e.g. Matroska's) means nothing to the segment's container
            boolean hevc = parameters.codec_id() == AV_CODEC_ID_HEVC;
            int tag = dv != null && !dv.compatibleBase() ? DVH1 : HVC1;
            stream.codecpar().codec_tag(container == Container.FMP4 && hevc ? tag : 0);
        }, dv != null);
    }

    private SegmentWriter(Path file, AVRational sourceTimeBase, Container container, Consumer<AVStream> parameters) {
        this(file, sourceTimeBase, container, parameters, false);
    }

    /** @param dolbyVision whether the stream carries a Dolby Vision record, which an fMP4 init keeps (dvcC/dvvC) */
    private SegmentWriter(Path file, AVRational sourceTimeBase, Container container, Consumer<AVStream> parameters,
                          boolean dolbyVision) {
        this.file = file;
        this.container = container;
        AVRational source = av_make_q(sourceTimeBase.num(), sourceTimeBase.den());
        this.sourceTimeBase = source;
        String muxer = container == Container.FMP4 ? "mp4" : "mpegts";
        try {
            out = OutputFile.open(file, muxer, stream -> {
                // MPEG-TS counts in 90 kHz; the MP4 muxer derives its timescale from the source's
                stream.time_base(container == Container.FMP4 ? source : av_make_q(1, 90000));
                parameters.accept(stream);
            }, headerOptions(container, dolbyVision));
        } catch (RuntimeException e) {
            deletePartial();
            throw e;
        }
    }

    private static Map<String, String> headerOptions(Container container, boolean dolbyVision) {
        Map<String, String> options = new LinkedHashMap<>();
        // the CLI's -muxdelay 0: otherwise every timestamp is pushed 0.7 s later
        options.put("max_delay", "0");
        // segments made by different heads must line up on the source's timeline: no shifting
        options.put("avoid_negative_ts", "disabled");
        if (container == Container.FMP4) {
            // empty_moov: the header holds no samples, so it serves as the stream's init segment;
            // delay_moov: written with the first fragment, once an encoder without global headers
            //   gave its parameter sets in the first packet;
            // frag_custom: one fragment, flushed by the trailer (a segment opens on its only keyframe);
            // default_base_moof: offsets relative to the moof, so a fragment stands alone (CMAF);
            // frag_discont: tfdt is the first packet's own decode time, not zero;
            // negative_cts_offsets: decode times moved up by the first packet's reordering delay (its
            //   pts - dts), B-frames getting signed offsets (trun v1): tfdt is then the keyframe's
            //   presentation time, never negative, the same whichever head wrote the fragment;
            // skip_trailer: no mfra after the fragment.
            options.put("movflags", "empty_moov+delay_moov+frag_custom+default_base_moof+frag_discont+negative_cts_offsets+skip_trailer");
            // no edit list: the samples' presentation times are the source's, with nothing to subtract
            options.put("use_editlist", "0");
            // libavformat writes Dolby Vision's dvcC/dvvC box (Dolby's, not ISO's) only below strict compliance
            if (dolbyVision) options.put("strict", "unofficial");
        } else {
            // the muxer's own -copyts: do not offset pts/dts by the mux delay
            options.put("mpegts_copyts", "1");
            // each segment has a muxer of its own, whose continuity counters start again: say so, or a
            // reader of consecutive segments (libavformat's HLS: mpv, native players) counts the first
            // packets of every segment corrupt
            options.put("mpegts_flags", "+initial_discontinuity");
        }
        return options;
    }

    /** Writes {@code packet} (timestamps in the source time base); the packet is left blank. */
    public void write(AVPacket packet) {
        av_packet_rescale_ts(packet, sourceTimeBase, out.stream().time_base());
        if (container == Container.FMP4) {
            // the fragment's last sample lasts its packet's duration: held back so finish can set it
            if (held == null) held = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            if (shift == AV_NOPTS_VALUE && packet.pts() != AV_NOPTS_VALUE && packet.dts() != AV_NOPTS_VALUE) {
                shift = packet.pts() - packet.dts();
            }
            if (packet.pts() != AV_NOPTS_VALUE) {
                if (firstPts == AV_NOPTS_VALUE) firstPts = packet.pts();
                minPts = minPts == AV_NOPTS_VALUE ? packet.pts() : Math.min(minPts, packet.pts());
            }
            if (holding) writeOut(held);
            av_packet_move_ref(held, packet);
            holding = true;
        } else {
            writeOut(packet);
        }
    }

    /**
     * Writes one packet, dropping what the muxer would refuse and fail the head for, as the ffmpeg
     * CLI does with damaged sources: a decode time not after the previous one, or a presentation
     * time before the decode time. Drops are counted and logged once per segment.
     */
    private void writeOut(AVPacket packet) {
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        boolean backwards = dts != AV_NOPTS_VALUE && lastDts != AV_NOPTS_VALUE && dts <= lastDts;
        boolean inverted = packet.pts() != AV_NOPTS_VALUE && packet.dts() != AV_NOPTS_VALUE && packet.pts() < packet.dts();
        if (backwards || inverted) {
            if (dropped++ == 0) {
                LOG.log(System.Logger.Level.WARNING, "Dropping packets with " + (backwards ? "backwards decode times" : "pts before dts")
                        + " from " + file.getFileName() + " (dts " + dts + " after " + lastDts + ")");
            }
            av_packet_unref(packet);
            return;
        }
        if (dts != AV_NOPTS_VALUE) lastDts = dts;
        out.write(packet);
    }

    /** Packets dropped for timestamps the muxer would refuse. */
    int droppedPackets() {
        return dropped;
    }

    /** Flushes and closes the file; it stays on disk under its temporary name. */
    void finish() {
        finish(AV_NOPTS_VALUE);
    }

    /**
     * As {@link #finish()}, where the next segment's earliest picture is shown at {@code nextStart}
     * (source time base), which is its fragment's {@code tfdt}: an fMP4 fragment's last sample then
     * lasts up to it, so the fragments follow on exactly ({@code tfdt} + durations = the next one's).
     * A fragment whose first packet is not its earliest shown (an open-GOP keyframe's leading
     * pictures) gets the earliest as its {@code tfdt}: see {@link EarliestPresentation}.
     */
    public void finish(long nextStart) {
        long lead = container == Container.FMP4 && firstPts != AV_NOPTS_VALUE ? firstPts - minPts : 0;
        if (holding) {
            if (nextStart != AV_NOPTS_VALUE) {
                // the muxer starts decoding at the first packet's pts; the lead is taken off after it
                long end = av_rescale_q(nextStart, sourceTimeBase, out.stream().time_base()) + lead - (shift == AV_NOPTS_VALUE ? 0 : shift);
                // the MP4 muxer refuses a duration below 0 or past INT_MAX: the sample then keeps its own
                if (held.dts() != AV_NOPTS_VALUE && end > held.dts() && end - held.dts() <= Integer.MAX_VALUE) {
                    held.duration(end - held.dts());
                }
            }
            holding = false;
            writeOut(held);
        }
        out.finish();
        freeHeld();
        if (container == Container.FMP4) {
            Fmp4Split.split(file);
            EarliestPresentation.moveDecodeEarlier(file, lead);
        }
        finished = true;
    }

    private void freeHeld() {
        if (held != null) av_packet_free(held);
        held = null;
        holding = false;
    }

    /** Frees what is left; a segment not finished is deleted. */
    @Override
    public void close() {
        freeHeld();
        out.close();
        if (!finished) deletePartial();
    }

    private void deletePartial() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Fmp4Split.initFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
