package org.kyoo.transcoder.engine.thumbnails;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * Not a test: times the sprite of a long 1080p file, for the report (speed is not asserted in tests).
 * Arguments: seconds, GOP seconds, workers, runs.
 */
public final class SpriteTiming {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int gop = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        Fixture fixture = TestMedia.long1080p(seconds, gop);
        System.out.printf("fixture %s ready in %d ms (%d MB)%n", fixture.path(), (System.nanoTime() - t0) / 1_000_000,
                Files.size(fixture.path()) >> 20);
        for (int run = 0; run < runs; run++) {
            Path metadata = Files.createTempDirectory("sprite-timing");
            ThumbnailSprite sprites = new ThumbnailSprite(new LocalStore(metadata), workers);
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            Path png = ((Stored.LocalFile) sprites.sprite(fixture.path(), "timing").get(10, TimeUnit.MINUTES).png()).path();
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d, %d workers: %d ms wall, %d ms CPU, png %d KiB%n", run, workers, ms,
                    (os.getProcessCpuTime() - cpu) / 1_000_000, Files.size(png) >> 10);
        }
    }
}
