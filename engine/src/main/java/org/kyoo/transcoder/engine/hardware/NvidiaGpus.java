package org.kyoo.transcoder.engine.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The GPU models the NVIDIA driver lists under {@code /proc/driver/nvidia/gpus/<bus id>/information}
 * ("Model: NVIDIA H200"), for messages: libav's CUDA device does not say which GPU it opened.
 */
final class NvidiaGpus {
    static final Path DRIVER_FOLDER = Path.of("/proc/driver/nvidia/gpus");

    private NvidiaGpus() {}

    /** The models found under {@code folder}, sorted by bus id; empty when there is none or it cannot be read. */
    static List<String> models(Path folder) {
        List<String> models = new ArrayList<>();
        try (Stream<Path> gpus = Files.list(folder)) {
            for (Path gpu : gpus.sorted().toList()) {
                for (String line : Files.readAllLines(gpu.resolve("information"))) {
                    if (line.startsWith("Model:")) models.add(line.substring("Model:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // only ever used to make a message better; a message without the model is still right
        }
        return models;
    }
}
