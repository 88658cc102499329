package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.*;
import org.bytedeco.ffmpeg.avcodec.*;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class ExploreTest {
    @Test
    void explore() {
        Path[] files = {TestMedia.multiTrackMkv().path(), TestMedia.mp4().path(), TestMedia.mp4WithoutBFrames().path(),
            TestMedia.mpegTsOffset().path(), TestMedia.variableFrameRate().path(), TestMedia.audioOnly().path(), TestMedia.coverPicture().path(), TestMedia.truncated()};
        for (Path p : files) {
            try (MediaInput in = MediaInput.open(p)) {
                AVFormatContext c = in.context();
                System.out.println("== " + p.getFileName() + " " + in.formatName() + " dur=" + c.duration() + " start=" + c.start_time() + " br=" + c.bit_rate() + " complete=" + MediaProber.headersAreComplete(in));
                for (int i = 0; i < in.streamCount(); i++) {
                    AVStream s = in.stream(i); AVCodecParameters par = s.codecpar();
                    System.out.println("  #" + i + " type=" + par.codec_type() + " " + avcodec_get_name(par.codec_id()).getString() + " prof=" + par.profile() + " lvl=" + par.level() + " ex=" + par.extradata_size() + " br=" + par.bit_rate() + " " + par.width() + "x" + par.height() + " ch=" + par.ch_layout().nb_channels() + " tb=" + s.time_base().num() + "/" + s.time_base().den() + " start=" + s.start_time() + " idx=" + avformat_index_get_entries_count(s) + " disp=" + s.disposition());
                }
                int v = in.firstVideoStream();
                if (v >= 0) {
                    if (in.formatName().startsWith("matroska")) System.out.println("  seek rc=" + av_seek_frame(c, v, 0, AVSEEK_FLAG_BACKWARD));
                    AVStream s = in.stream(v);
                    int n = avformat_index_get_entries_count(s);
                    StringBuilder b = new StringBuilder("  index " + n + ":");
                    for (int i = 0; i < n; i++) { AVIndexEntry e = avformat_index_get_entry(s, i); if ((e.flags() & 1) != 0) b.append(' ').append(e.timestamp()).append('/').append(e.flags()); }
                    System.out.println(b);
                }
                in.findStreamInfo();
                System.out.println("  after fsi dur=" + c.duration() + " br=" + c.bit_rate());
                for (int i = 0; i < in.streamCount(); i++) {
                    AVStream s = in.stream(i); AVCodecParameters par = s.codecpar();
                    System.out.println("  #" + i + " prof=" + par.profile() + " lvl=" + par.level() + " br=" + par.bit_rate() + " ex=" + par.extradata_size());
                }
            } catch (RuntimeException e) { System.out.println("== " + p + " " + e); }
        }
        for (Path p : new Path[] {TestMedia.randomBytes(), TestMedia.empty(), TestMedia.text()}) {
            try (MediaInput in = MediaInput.open(p)) { System.out.println("== " + p.getFileName() + " opened " + in.formatName() + " score=" + in.context().probe_score()); }
            catch (RuntimeException e) { System.out.println("== " + p.getFileName() + " " + e); }
        }
    }
}
