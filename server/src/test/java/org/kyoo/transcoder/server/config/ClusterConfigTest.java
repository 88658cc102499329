package org.kyoo.transcoder.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several instances and the small end, as the environment says: upstream's and the AWS SDK's variables. */
class ClusterConfigTest {
    private static final Path DIR = Path.of("/tmp/work");

    @Test
    void withNothingSetOneInstanceWorksAloneAndEncodes() {
        Config config = Config.fromEnvironment(Map.of(), DIR);
        assertFalse(config.storage().enabled());
        assertEquals("none", config.storage().describe());
        assertTrue(config.transcodes());
        assertTrue(config.engineSettings(null).encodesVideo());
    }

    @Test
    void aBucketWithAnEndpointAndARegion() {
        ObjectStorage storage = Config.fromEnvironment(Map.of("S3_BUCKET_NAME", " kyoo ", "AWS_ENDPOINT_URL_S3",
                "http://minio:9000", "AWS_REGION", "eu-west-3", "AWS_SECRET_ACCESS_KEY", "hush"), DIR).storage();
        assertEquals(new ObjectStorage("kyoo", URI.create("http://minio:9000"), "eu-west-3"), storage);
        assertEquals("S3 bucket kyoo at http://minio:9000", storage.describe());
        assertFalse(storage.toString().contains("hush"), "credentials are never read here");
    }

    @Test
    void theGeneralEndpointAndRegionVariablesAreTheFallbacks() {
        ObjectStorage storage = ObjectStorage.fromEnvironment(Map.of("S3_BUCKET_NAME", "kyoo",
                "AWS_ENDPOINT_URL", "https://s3.example.org", "AWS_DEFAULT_REGION", "auto"));
        assertEquals(URI.create("https://s3.example.org"), storage.endpoint());
        assertEquals("auto", storage.region());
        ObjectStorage aws = ObjectStorage.fromEnvironment(Map.of("S3_BUCKET_NAME", "kyoo"));
        assertNull(aws.endpoint());
        assertEquals("S3 bucket kyoo at AWS", aws.describe());
    }

    @Test
    void anEndpointsUserPasswordAndQueryAreNeverShown() {
        ObjectStorage storage = ObjectStorage.fromEnvironment(Map.of("S3_BUCKET_NAME", "kyoo",
                "AWS_ENDPOINT_URL_S3", "https://admin:hush@minio.lan:9000/s3?token=hush2"));
        assertEquals("S3 bucket kyoo at https://minio.lan:9000/s3", storage.describe());
        ConfigException e = assertThrows(ConfigException.class, () -> ObjectStorage.fromEnvironment(
                Map.of("S3_BUCKET_NAME", "kyoo", "AWS_ENDPOINT_URL_S3", "admin:hush@minio")));
        assertFalse(e.getMessage().contains("hush"), e.getMessage());
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlStopsStartUp() {
        ConfigException e = assertThrows(ConfigException.class, () -> ObjectStorage.fromEnvironment(
                Map.of("S3_BUCKET_NAME", "kyoo", "AWS_ENDPOINT_URL_S3", "minio:9000")));
        assertTrue(e.getMessage().contains("AWS_ENDPOINT_URL_S3"), e.getMessage());
    }

    @Test
    void theInstanceIsNamedByItsVariableElseItsHost() {
        assertEquals("transcoder-2", Config.fromEnvironment(Map.of("HOSTNAME", "transcoder-2"), DIR).instance());
        assertEquals("a", Config.fromEnvironment(Map.of("HOSTNAME", "transcoder-2", "GOCODER_INSTANCE", "a"), DIR).instance());
        assertFalse(Config.fromEnvironment(Map.of(), DIR).instance().isBlank());
    }

    @Test
    void transcodingCanBeTurnedOffAndNothingElse() {
        Config off = Config.fromEnvironment(Map.of("GOCODER_TRANSCODE", "Disabled"), DIR);
        assertFalse(off.transcodes());
        assertFalse(off.engineSettings(null).encodesVideo());
        assertTrue(Config.fromEnvironment(Map.of("GOCODER_TRANSCODE", "enabled"), DIR).transcodes());
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("GOCODER_TRANSCODE", "off"), DIR));
        assertTrue(e.getMessage().contains("enabled, disabled"), e.getMessage());
    }
}
