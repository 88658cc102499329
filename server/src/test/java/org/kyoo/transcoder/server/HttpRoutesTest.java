package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.engine.scheduling.RecordingStreams;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.media.FakeExtraction;
import org.kyoo.transcoder.server.media.FakeMedia;
import org.kyoo.transcoder.server.paths.Base64Path;

/** The HTTP contract over a fake engine: routes, statuses, error bodies, waiting without threads. */
class HttpRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] KEYFRAMES = {0, 2, 4, 6, 8, 10};

    @TempDir
    Path dir;
    Path movie;
    byte[] movieBytes;
    FakeMedia media;
    FakeMedia.FakeFile movieStream;
    FakeExtraction extraction;
    RecordingStreams streams;
    TranscoderServer server;
    Http http;
    String m;

    @BeforeEach
    void start() throws IOException {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        movieBytes = new byte[200_000];
        new Random(7).nextBytes(movieBytes);
        movie = Files.write(root.resolve("movie.mkv"), movieBytes);
        Files.writeString(root.resolve("corrupt.mkv"), "not a matroska file");
        media = new FakeMedia(Files.createDirectories(dir.resolve("segments")));
        movieStream = media.add(movie, FakeMedia.movieInfo(movie.toRealPath()), KeyframeIndex.complete(KEYFRAMES));
        extraction = new FakeExtraction(config.metadataRoot());
        streams = new RecordingStreams();
        server = TranscoderServer.start(config, new TranscoderServer.Engine(media, streams, () -> {}), extraction);
        http = new Http(server.port());
        m = Http.file(movie);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static List<String> errors(HttpResponse<String> response) throws IOException {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null), response.body());
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.asText()));
        assertEquals(1, messages.size(), response.body());
        return messages;
    }

    private void assertError(int status, String path, String clientId) throws Exception {
        HttpResponse<String> response = http.get(path, clientId);
        assertEquals(status, response.statusCode(), path + " -> " + response.body());
        assertFalse(errors(response).get(0).isBlank());
    }

    // ---- happy paths ----

    @Test
    void directServesTheFileWithRangesAndHead() throws Exception {
        HttpResponse<byte[]> whole = http.bytes(m + "/direct", null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(movieBytes, whole.body());
        assertEquals("video/x-matroska", whole.headers().firstValue("Content-Type").orElse(null));
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(null));

        HttpResponse<byte[]> range = http.send(http.request(m + "/direct", null).header("Range", "bytes=1000-1999").build());
        assertEquals(206, range.statusCode());
        assertEquals("bytes 1000-1999/200000", range.headers().firstValue("Content-Range").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(movieBytes, 1000, 2000), range.body());

        HttpResponse<byte[]> tail = http.send(http.request(m + "/direct", null).header("Range", "bytes=-10").build());
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(movieBytes, 199_990, 200_000), tail.body());

        HttpResponse<byte[]> head = http.send(http.request(m + "/direct", null)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("200000", head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, head.body().length);
    }

    @Test
    void directAcceptsEveryBase64Variant() throws Exception {
        // a name whose standard encoding holds '+' and '/', and needs padding (the folder's random
        // name shifts the alignment, so try a few lengths)
        byte[] path = null;
        for (String pad : List.of("", "a", "ab", "abc", "abcd", "abcde")) {
            String candidate = movie.getParent().toRealPath().resolve(pad + "Ça va?>>~??>.mkv").toString();
            String standard = Base64.getEncoder().encodeToString(candidate.getBytes(StandardCharsets.UTF_8));
            if (standard.contains("+") && standard.contains("/") && standard.endsWith("=")) {
                Files.write(Path.of(candidate), movieBytes);
                path = candidate.getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        assertTrue(path != null, "a name with '+', '/' and padding in its encoding");
        for (String encoded : List.of(
                Base64.getEncoder().encodeToString(path).replace("/", "%2F"),
                Base64.getEncoder().withoutPadding().encodeToString(path).replace("/", "%2F"),
                Base64.getUrlEncoder().encodeToString(path),
                Base64.getUrlEncoder().withoutPadding().encodeToString(path))) {
            HttpResponse<byte[]> response = http.bytes("/" + encoded + "/direct", null);
            assertEquals(200, response.statusCode(), encoded);
            assertEquals(movieBytes.length, response.body().length);
        }
    }

    @Test
    void masterPlaylistListsRenditionsAndAudio() throws Exception {
        HttpResponse<String> master = http.get(m + "/master.m3u8", "player");
        assertEquals(200, master.statusCode(), master.body());
        assertEquals("application/vnd.apple.mpegurl", master.headers().firstValue("Content-Type").orElse(null));
        assertTrue(master.body().startsWith("#EXTM3U\n"));
        assertTrue(master.body().contains("./original/index.m3u8"));
        assertTrue(master.body().contains("URI=\"./audio/1/index.m3u8\""));
    }

    @Test
    void mediaPlaylistsShareTheCuts() throws Exception {
        HttpResponse<String> video = http.get(m + "/720p/index.m3u8", "player");
        HttpResponse<String> audio = http.get(m + "/audio/1/index.m3u8", "player");
        assertEquals(200, video.statusCode(), video.body());
        assertEquals(200, audio.statusCode(), audio.body());
        assertEquals(video.body(), audio.body());
        assertTrue(video.body().contains("#EXTINF:2.000000,\nsegment-5.ts\n#EXT-X-ENDLIST\n"), video.body());
        assertTrue(video.body().contains("#EXT-X-TARGETDURATION:2\n"));
    }

    @Test
    void aGrowingPlaylistIsNotCachedAndGrows() throws Exception {
        KeyframeIndex growing = new KeyframeIndex();
        growing.append(new double[] {0, 2, 4}, 3);
        Path other = Files.write(movie.resolveSibling("growing.mkv"), new byte[10]);
        media.add(other, FakeMedia.movieInfo(other.toRealPath()), growing);
        HttpResponse<String> first = http.get(Http.file(other) + "/original/index.m3u8", "p");
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(first.body().contains("segment-1.ts") && !first.body().contains("segment-2.ts"), first.body());
        growing.append(new double[] {6}, 1);
        growing.finish();
        HttpResponse<String> later = http.get(Http.file(other) + "/original/index.m3u8", "p");
        assertTrue(later.body().contains("segment-3.ts\n#EXT-X-ENDLIST"), later.body());
    }

    @Test
    void readySegmentsAreServedAtOnceAndOthersWhenMade() throws Exception {
        movieStream.makeReady("720p/0");
        HttpResponse<String> ready = http.get(m + "/720p/segment-0.ts", "player");
        assertEquals(200, ready.statusCode());
        assertEquals("video/mp2t", ready.headers().firstValue("Content-Type").orElse(null));
        assertTrue(ready.body().startsWith("720p/0:"));

        CompletableFuture<HttpResponse<String>> waiting = http.getAsync(m + "/audio/1/segment-3.ts", "player");
        Thread.sleep(200);
        assertFalse(waiting.isDone());
        movieStream.makeReady("audio1/3");
        HttpResponse<String> made = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(200, made.statusCode());
        assertTrue(made.body().startsWith("audio1/3:"));
    }

    @Test
    void aSegmentThatFailsAnswersItsError() throws Exception {
        movieStream.future("original/2").completeExceptionally(new MediaException(MediaException.Kind.TIMEOUT, "Segment 2 took too long."));
        assertError(503, m + "/original/segment-2.ts", "player");
        movieStream.future("original/3").completeExceptionally(new IllegalStateException("bug"));
        HttpResponse<String> bug = http.get(m + "/original/segment-3.ts", "player");
        assertEquals(500, bug.statusCode());
        assertEquals(List.of("Internal server error"), errors(bug));
    }

    @Test
    void theClientIdMayComeAsAQueryParameter() throws Exception {
        assertEquals(200, http.get(m + "/master.m3u8?clientId=tv", null).statusCode());
    }

    /** What a player that cannot set headers does: only ever follow the URIs it is given. */
    @Test
    void aPlayerIdentifiedByTheQueryAloneCanFollowEveryUri() throws Exception {
        movieStream.makeReady("original/0");
        movieStream.makeReady("audio1/0");
        String master = http.get(m + "/master.m3u8?clientId=tv&gateway=1", null).body();
        List<String> playlists = new ArrayList<>(master.lines().filter(l -> !l.startsWith("#")).toList());
        master.lines().filter(l -> l.startsWith("#EXT-X-MEDIA"))
                .forEach(l -> playlists.add(l.replaceAll(".*URI=\"([^\"]+)\".*", "$1")));
        assertTrue(playlists.contains("./original/index.m3u8?clientId=tv&gateway=1"), master);
        assertTrue(playlists.contains("./audio/1/index.m3u8?clientId=tv&gateway=1"), master);
        for (String uri : playlists) {
            HttpResponse<String> playlist = http.get(m + uri.substring(1), null);
            assertEquals(200, playlist.statusCode(), uri + " -> " + playlist.body());
            String first = playlist.body().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            assertEquals("segment-0.ts?clientId=tv&gateway=1", first);
        }
        String folder = m + "/original/";
        HttpResponse<String> segment = http.get(folder + "segment-0.ts?clientId=tv&gateway=1", null);
        assertEquals(200, segment.statusCode(), segment.body());
        assertEquals(200, http.get(m + "/audio/1/segment-0.ts?clientId=tv&gateway=1", null).statusCode());
    }

    @Test
    void subtitleLinksInTheInfoCarryTheQuery() throws Exception {
        Path film = Files.write(movie.resolveSibling("subbed.mkv"), new byte[10]);
        MediaInfo base = FakeMedia.movieInfo(film.toRealPath());
        // the server links the file's path in standard base64, as the original did
        String link = "/" + Base64.getEncoder().encodeToString(film.toRealPath().toString().getBytes(StandardCharsets.UTF_8))
                + "/subtitle/0.srt";
        MediaInfo subbed = new MediaInfo(base.sha(), base.path(), base.extension(), base.mimeCodec(), base.size(),
                base.duration(), base.container(), base.video(), base.videos(), base.audios(),
                List.of(new MediaInfo.Subtitle(0, null, "en", "subrip", "srt", true, false, null)),
                List.of(), List.of());
        media.add(film, subbed, KeyframeIndex.complete(KEYFRAMES));
        JsonNode json = JSON.readTree(http.get(Http.file(film) + "/info?clientId=tv", null).body());
        assertEquals(link + "?clientId=tv", json.get("subtitles").get(0).get("link").asText());
        JsonNode bare = JSON.readTree(http.get(Http.file(film) + "/info", null).body());
        assertEquals(link, bare.get("subtitles").get(0).get("link").asText());
    }

    @Test
    void headerIdentifiedPlayersGetBareUris() throws Exception {
        String master = http.get(m + "/master.m3u8", "player").body();
        assertFalse(master.contains("?"), master);
        assertFalse(http.get(m + "/720p/index.m3u8", "player").body().contains("?"));
    }

    @Test
    void anAudioOnlyFileOffersOneAacVariantAndNoThumbnails() throws Exception {
        Path song = Files.write(movie.resolveSibling("song.mp3"), new byte[10]);
        MediaInfo movieInfo = FakeMedia.movieInfo(song.toRealPath());
        MediaInfo audioOnly = new MediaInfo(movieInfo.sha(), movieInfo.path(), "mp3", null, 10, 12.0, "mp3", null,
                List.of(), movieInfo.audios(), List.of(), List.of(), List.of());
        KeyframeIndex fallback = new KeyframeIndex();
        fallback.appendFallback(new double[] {0, 2, 4, 6, 8, 10});
        fallback.finish();
        media.add(song, audioOnly, fallback);
        String s = Http.file(song);
        String master = http.get(s + "/master.m3u8?clientId=c", null).body();
        assertTrue(master.contains("#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=128000,BANDWIDTH=160000,CODECS=\"mp4a.40.2\"\n"
                + "./audio/0/index.m3u8?clientId=c\n"), master);
        assertEquals(200, http.get(s + "/audio/0/index.m3u8?clientId=c", null).statusCode());
        assertError(404, s + "/thumbnails.png", null);
        assertError(404, s + "/thumbnails.vtt", null);
    }

    @Test
    void infoAnswersTheJsonContractAndStartsExtractionOnce() throws Exception {
        HttpResponse<String> info = http.get(m + "/info", null);
        assertEquals(200, info.statusCode(), info.body());
        assertEquals("application/json", info.headers().firstValue("Content-Type").orElse(null));
        JsonNode json = JSON.readTree(info.body());
        assertEquals(movie.toRealPath().toString(), json.get("path").asText());
        assertEquals(12.0, json.get("duration").asDouble());
        assertEquals(1280, json.get("video").get("width").asInt());
        assertEquals("Commentary", json.get("audios").get(1).get("title").asText());
        assertTrue(json.get("audios").get(0).get("isDefault").asBoolean());
        assertEquals(200, http.get(m + "/info", null).statusCode());
        assertEquals(1, extraction.extractions.get());
        assertEquals(1, extraction.sprites.get());
    }

    @Test
    void extractedFilesAndTheSpriteAreServed() throws Exception {
        HttpResponse<String> font = http.get(m + "/attachment/font.ttf", null);
        assertEquals(200, font.statusCode(), font.body());
        assertEquals("font bytes", font.body());
        HttpResponse<String> subtitle = http.get(m + "/subtitle/0.srt", null);
        assertEquals(200, subtitle.statusCode());
        assertTrue(subtitle.body().contains("Hello"));
        assertError(404, m + "/subtitle/7.srt", null);
        HttpResponse<String> png = http.get(m + "/thumbnails.png", null);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(null));
        HttpResponse<String> vtt = http.get(m + "/thumbnails.vtt", null);
        assertEquals("text/vtt", vtt.headers().firstValue("Content-Type").orElse(null));
        assertEquals("WEBVTT\n", vtt.body());
        assertEquals(1, extraction.extractions.get());
    }

    @Test
    void switchingQualityThroughTheRoutesStopsTheOldOne() throws Exception {
        movieStream.makeReady("720p/0");
        movieStream.makeReady("480p/1");
        assertEquals(200, http.get(m + "/720p/segment-0.ts", "solo").statusCode());
        assertEquals(200, http.get(m + "/480p/segment-1.ts", "solo").statusCode());
        assertEquals(List.of("killVideo movie.mkv 720p"), streams.take());
    }

    // ---- SPEC's error list ----

    @Test
    void aMissingClientIdIsRefused() throws Exception {
        assertError(400, m + "/master.m3u8", null);
        assertError(400, m + "/720p/index.m3u8", null);
        assertError(400, m + "/audio/0/index.m3u8", null);
        assertError(400, m + "/720p/segment-0.ts", null);
        assertError(400, m + "/audio/0/segment-0.ts", null);
    }

    @Test
    void badPathsAreRefused() throws Exception {
        Path root = movie.getParent();
        Path secret = Files.writeString(dir.resolve("secret.mkv"), "secret");
        Path sibling = Files.createDirectories(dir.resolve(root.getFileName() + "2")).resolve("b.mkv");
        Files.writeString(sibling, "sibling");
        Path link = Files.createSymbolicLink(root.resolve("link.mkv"), secret);
        assertError(400, "/!!!notbase64/master.m3u8", "p");
        assertError(400, "/" + Base64.getUrlEncoder().encodeToString("video/movie.mkv".getBytes()) + "/info", "p");
        assertError(400, Http.file(secret) + "/info", "p");
        assertError(400, Http.file(sibling) + "/direct", "p");
        assertError(400, Http.file(link) + "/direct", "p");
        assertError(400, "/" + Base64Path.encode(root + "/../secret.mkv") + "/direct", "p");
        assertError(404, Http.file(root.resolve("missing.mkv")) + "/master.m3u8", "p");
        assertError(404, Http.file(root.resolve("missing.mkv")) + "/direct", "p");
    }

    @Test
    void dotDotInANameIsRefused() throws Exception {
        assertError(400, m + "/attachment/..%2F..%2Fsecret", null);
        assertError(400, m + "/subtitle/a..b", null);
    }

    @Test
    void badQualitiesSegmentsAndTracksAreRefused() throws Exception {
        assertError(400, m + "/9000p/index.m3u8", "p");
        assertError(400, m + "/9000p/segment-0.ts", "p");
        assertError(400, m + "/720p/segment--1.ts", "p");
        assertError(400, m + "/720p/segment-6.ts", "p");
        assertError(400, m + "/720p/segment-x.ts", "p");
        assertError(400, m + "/720p/chunk-1.ts", "p");
        assertError(400, m + "/720p/segment-99999999999.ts", "p");
        assertError(400, m + "/audio/2/index.m3u8", "p");
        assertError(400, m + "/audio/2/segment-0.ts", "p");
        assertError(400, m + "/audio/x/segment-0.ts", "p");
        assertError(400, m + "/audio/0/segment-6.ts", "p");
        assertError(404, m + "/nothing/here/at/all", "p");
    }

    @Test
    void aCorruptFileGetsACleanErrorWhileOthersKeepPlaying() throws Exception {
        String corrupt = Http.file(movie.resolveSibling("corrupt.mkv"));
        assertError(422, corrupt + "/master.m3u8", "p");
        assertError(422, corrupt + "/info", "p");
        movieStream.makeReady("original/1");
        assertEquals(200, http.get(m + "/original/segment-1.ts", "p").statusCode());
    }

    // ---- waiting holds no thread ----

    @Test
    void readySegmentsAndInfoAreAnsweredWhileTwoHundredRequestsWait() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // a mix of cold video and audio segments, several players per segment
            int n = 1 + i % 5;
            String path = i % 2 == 0 ? m + "/720p/segment-" + n + ".ts" : m + "/audio/0/segment-" + n + ".ts";
            expected.add((i % 2 == 0 ? "720p/" : "audio0/") + n + ":");
            waiting.add(http.getAsync(path, "player-" + i));
        }
        // every waiter has reached the engine: they sit on its futures, not on threads
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (movieStream.pending() < 10 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(10, movieStream.pending());
        movieStream.makeReady("original/0");
        HttpResponse<String> ready = http.getAsync(m + "/original/segment-0.ts", "late").get(30, TimeUnit.SECONDS);
        assertEquals(200, ready.statusCode());
        assertEquals(200, http.getAsync(m + "/info", null).get(30, TimeUnit.SECONDS).statusCode());
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));

        for (int n = 1; n <= 5; n++) {
            movieStream.makeReady("720p/" + n);
            movieStream.makeReady("audio0/" + n);
        }
        for (int i = 0; i < waiting.size(); i++) {
            HttpResponse<String> response = waiting.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith(expected.get(i)), response.uri() + " got " + response.body().substring(0, 12));
        }
    }
}
