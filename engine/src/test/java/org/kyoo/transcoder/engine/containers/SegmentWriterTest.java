package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/** A damaged source's timestamps never reach the muxer in a shape it refuses. */
class SegmentWriterTest {
    @TempDir
    Path dir;

    @Test
    void packetsGoingBackInTimeAreDroppedInsteadOfFailingTheSegment() {
        Path segment = dir.resolve("copy.ts");
        AVPacket packet = av_packet_alloc();
        try (MediaInput in = MediaInput.open(TestMedia.mp4WithoutBFrames().path())) {
            int video = in.firstVideoStream();
            AVStream stream = in.stream(video);
            in.keepOnly(video);
            List<Long> written = new ArrayList<>();
            try (SegmentWriter out = SegmentWriter.forCopy(segment, stream.codecpar(), stream.time_base(), Container.TS)) {
                for (int i = 0; i < 10 && in.read(packet); i++) {
                    // packet 5 claims to come before packet 4, as a flipped byte in a header makes it
                    if (i == 5) packet.pts(written.get(2)).dts(written.get(2));
                    else written.add(packet.pts());
                    out.write(packet);
                    av_packet_unref(packet);
                }
                out.finish();
                assertEquals(1, out.droppedPackets());
            }
            assertEquals(9, WrittenSegment.read(segment).times().size(), "the nine packets in order are written");
        } finally {
            av_packet_free(packet);
        }
    }
}
