package org.kyoo.transcoder.engine.thumbnails;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Not a test: CPU time per capture, split between seek+decode and scale. Arguments: file. */
public final class CaptureProfile {
    public static void main(String[] args) {
        var mx = ManagementFactory.getThreadMXBean();
        try (FrameGrabber grabber = FrameGrabber.open(Path.of(args[0]))) {
            SpriteLayout layout = SpriteLayout.of(grabber.duration(), grabber.displayWidth(), grabber.height());
            try (TileScaler scaler = new TileScaler(layout.tileWidth(), layout.tileHeight())) {
                long grab = 0, scale = 0;
                long wall = System.nanoTime();
                for (int i = 0; i < layout.count(); i++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    AVFrame picture = grabber.grab(layout.time(i));
                    long t1 = mx.getCurrentThreadCpuTime();
                    scaler.scale(picture);
                    grab += t1 - t0;
                    scale += mx.getCurrentThreadCpuTime() - t1;
                }
                System.out.printf("%d captures: grab %d ms CPU, scale %d ms CPU, wall %d ms%n", layout.count(),
                        grab / 1_000_000, scale / 1_000_000, (System.nanoTime() - wall) / 1_000_000);
            }
        }
    }
}
