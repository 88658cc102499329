package org.kyoo.transcoder.engine.scheduling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A StreamControl that writes down what it was asked to stop. */
public final class RecordingStreams implements StreamControl {
    public final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void killVideo(Path file, StreamId video) {
        calls.add("killVideo " + file.getFileName() + " " + video);
    }

    @Override
    public synchronized void killAudio(Path file, int audio) {
        calls.add("killAudio " + file.getFileName() + " " + audio);
    }

    @Override
    public synchronized void killOrphanedHeads(Path file, StreamId video, int audio, int[] watched) {
        int[] sorted = watched.clone();
        Arrays.sort(sorted);
        calls.add("killOrphanedHeads " + file.getFileName() + " " + video + " " + audio + " " + Arrays.toString(sorted));
    }

    @Override
    public synchronized void killFile(Path file) {
        calls.add("killFile " + file.getFileName());
    }

    @Override
    public synchronized void destroyFile(Path file) {
        calls.add("destroyFile " + file.getFileName());
    }

    public synchronized List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
