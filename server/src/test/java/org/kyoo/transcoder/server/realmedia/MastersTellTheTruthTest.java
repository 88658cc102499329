package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.server.Http;

/**
 * A master playlist never lies, on either table, for every kind of file: every variant names its
 * {@code CODECS}, and they are what its segments and its audio group's segments hold (a variant
 * without a group names no audio); an audio-only file has a variant; and everything listed —
 * variants, renditions, inits and segments — is served. A player trusts the playlist to pick what
 * it can decode: one listing what the server then refuses is a lie every player trips on.
 */
class MastersTellTheTruthTest extends RealServerTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z-]+)=(\"[^\"]*\"|[^,]*)");
    /** Segments fetched per rendition: the first two, the middle one and the last. */
    private static final int[] SAMPLED = {0, 1, -2, -1};

    static Stream<Named<Path>> library() {
        return Formats.library().stream().map(f -> Named.of(f.name(), f.file().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void everyVariantNamesWhatItPlaysAndEverythingListedIsServed(Path fixture) throws Exception {
        Path file = Files.copy(fixture, root.resolve(fixture.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String table : List.of("", "/video")) {
            new Table(table, table + Http.file(file) + "/", "truth-" + fixture.getFileName()).check();
        }
    }

    /** One file's master playlist on one table, and everything it lists. */
    private final class Table {
        final String name;
        final String base;
        final String client;
        /** The codec strings each listed playlist's segments hold. */
        final Map<String, List<String>> served = new LinkedHashMap<>();

        Table(String name, String base, String client) {
            this.name = name.isEmpty() ? "MPEG-TS table" : name;
            this.base = base;
            this.client = client;
        }

        void check() throws Exception {
            HttpResponse<String> master = http.get(base + "master.m3u8", client);
            assertEquals(200, master.statusCode(), name + " master: " + master.body());
            List<Map<String, String>> variants = new ArrayList<>();
            Map<String, List<String>> groups = new LinkedHashMap<>();
            List<String> lines = master.body().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("#EXT-X-STREAM-INF:")) {
                    Map<String, String> variant = attributes(line);
                    variant.put("URI", lines.get(i + 1));
                    variants.add(variant);
                } else if (line.startsWith("#EXT-X-MEDIA:")) {
                    Map<String, String> media = attributes(line);
                    if (media.containsKey("URI")) groups.computeIfAbsent(media.get("GROUP-ID"), g -> new ArrayList<>()).add(media.get("URI"));
                    if (media.containsKey("URI")) playlist(media.get("URI"), media.get("TYPE"));
                }
            }
            String what = name + " master:\n" + master.body();
            assertFalse(variants.isEmpty(), "a player finds something to play: " + what);
            for (Map<String, String> variant : variants) {
                String codecs = variant.get("CODECS");
                assertTrue(codecs != null && !codecs.isEmpty(), "every variant names its codecs: " + variant + "\n" + what);
                List<String> announced = List.of(codecs.split(","));
                List<String> own = playlist(variant.get("URI"), "VARIANT");
                String group = variant.get("AUDIO");
                // the variant's own segments: its first codec (video, or an audio-only file's audio)
                assertEquals(1, own.size(), variant + " plays one stream: " + own);
                assertTrue(ServedCodecs.names(announced.get(0), own.get(0)), variant + " says " + announced.get(0)
                        + " but its segments hold " + own.get(0) + "\n" + what);
                Set<String> audios = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                audios.addAll(announced.subList(1, announced.size()));
                if (group == null) {
                    assertTrue(audios.isEmpty(), "a variant without an audio group names no audio: " + variant + "\n" + what);
                    continue;
                }
                assertTrue(groups.containsKey(group), "its audio group " + group + " is listed: " + what);
                Set<String> heard = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                for (String uri : groups.get(group)) heard.addAll(served.get(uri));
                assertEquals(heard, audios, variant + " names exactly what its audio group's segments hold\n" + what);
            }
        }

        /** Fetches a listed playlist, its init and sampled segments, all of which must be served; returns what they hold. */
        List<String> playlist(String uri, String type) throws Exception {
            if (served.containsKey(uri)) return served.get(uri);
            String path = URI.create("http://x" + base).resolve(uri).toString().substring("http://x".length());
            String body = complete(path);
            List<String> segments = body.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertFalse(segments.isEmpty(), name + " " + uri + " lists segments");
            String folder = path.substring(0, path.lastIndexOf('/') + 1);
            byte[] init = null;
            Matcher map = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"").matcher(body);
            if (map.find()) init = fetch(folder + map.group(1));
            List<String> codecs = List.of();
            Set<Integer> sampled = new LinkedHashSet<>();
            for (int k : SAMPLED) sampled.add(k >= 0 ? Math.min(k, segments.size() - 1) : k == -1 ? segments.size() - 1 : segments.size() / 2);
            for (int k : sampled) {
                byte[] segment = fetch(folder + segments.get(k));
                if (!"SUBTITLES".equals(type) && codecs.isEmpty()) {
                    Path local = Files.createTempFile(dir, "served", ".seg");
                    Files.write(local, init == null ? segment : concat(init, segment));
                    codecs = ServedCodecs.of(local, init);
                }
            }
            served.put(uri, codecs);
            return codecs;
        }

        private String complete(String path) throws Exception {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = http.get(path, client);
                assertEquals(200, response.statusCode(), name + " " + path + ": " + response.body());
                if (response.body().contains("#EXT-X-ENDLIST")) return response.body();
                assertTrue(attempt < 300, "the keyframe scan ends: " + response.body());
                Thread.sleep(100);
            }
        }

        private byte[] fetch(String path) throws Exception {
            HttpResponse<byte[]> response = http.bytes(path, client);
            assertEquals(200, response.statusCode(), name + " lists " + path + ", which answers " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            return response.body();
        }
    }

    private static Map<String, String> attributes(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(line.substring(line.indexOf(':') + 1));
        while (m.find()) out.put(m.group(1), m.group(2).replace("\"", ""));
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
