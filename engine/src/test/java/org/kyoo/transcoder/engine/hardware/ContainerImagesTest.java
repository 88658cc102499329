package org.kyoo.transcoder.engine.hardware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles cannot be built here (no Docker engine), so this reads them against the repository:
 * the build runs the README's command, the runtime copies the jar the server module really makes,
 * the original's paths and port are set, and the documented run lines use the same image and paths.
 */
class ContainerImagesTest {
    /** Maven runs a module's tests from the module's folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.cuda", "Dockerfile.vaapi"})
    void theBuildStageRunsTheReadmesBuildCommand(String dockerfile) throws IOException {
        String text = read(dockerfile);
        String buildCommand = "mvn -B -ntp -DskipTests package";
        assertTrue(read("README.md").contains(buildCommand), "README's build command changed");
        assertTrue(text.contains("FROM maven:3.9-eclipse-temurin-17 AS build"), dockerfile);
        assertTrue(text.contains(buildCommand), dockerfile);
        for (String module : List.of("pom.xml", "natives/pom.xml", "engine/pom.xml", "server/pom.xml", "benchmarks/pom.xml")) {
            assertTrue(Files.exists(ROOT.resolve(module)), module);
        }
        // the context keeps every module's sources: only build output and VCS data are ignored
        for (String line : read(".dockerignore").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            assertTrue(List.of("**/target/", ".git", ".idea/", "*.iml", "Dockerfile.*", "docs/").contains(line), line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.cuda", "Dockerfile.vaapi"})
    void theRuntimeRunsTheJarTheServerModuleBuilds(String dockerfile) throws IOException {
        String text = read(dockerfile);
        String pom = read("server/pom.xml");
        assertTrue(pom.contains("<outputFile>${project.build.directory}/transcoder.jar</outputFile>"), "shade output");
        Matcher main = Pattern.compile("<mainClass>([\\w.]+)</mainClass>").matcher(pom);
        assertTrue(main.find());
        assertTrue(Files.exists(ROOT.resolve("server/src/main/java/" + main.group(1).replace('.', '/') + ".java")));

        assertTrue(text.contains("FROM eclipse-temurin:17-jre\n"), dockerfile);
        assertTrue(text.contains("COPY --from=build /src/server/target/transcoder.jar /app/transcoder.jar"), dockerfile);
        assertTrue(text.contains("-jar\", \"/app/transcoder.jar\"]"), dockerfile);
        assertTrue(text.contains("USER transcoder"), dockerfile);
        assertTrue(text.contains("EXPOSE 7666"), dockerfile);
        assertTrue(text.contains("HEALTHCHECK"), dockerfile);
        for (String env : List.of("GOCODER_SAFE_PATH=/video", "GOCODER_CACHE_ROOT=/cache",
                "GOCODER_METADATA_ROOT=/metadata", "GOCODER_PORT=7666", "ENV MALLOC_ARENA_MAX=2")) {
            assertTrue(text.contains(env), dockerfile + " sets " + env);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cuda", "vaapi"})
    void theDocumentedRunLinesMatchTheImages(String variant) throws IOException {
        for (String file : List.of("docs/hardware.md", "README.md")) runLinesMatch(variant, read(file));
    }

    private static void runLinesMatch(String variant, String docs) throws IOException {
        String tag = "kyoo-transcoder:" + variant;
        assertTrue(docs.contains("docker build -f Dockerfile." + variant + " -t " + tag + " ."), variant);
        int run = docs.indexOf("docker run", docs.indexOf("docker build -f Dockerfile." + variant));
        String runLine = docs.substring(run, docs.indexOf("```", run));
        assertTrue(runLine.contains(variant.equals("cuda") ? "--gpus all" : "--device /dev/dri"), runLine);
        for (String part : List.of("-p 7666:7666", ":/video:ro", ":/cache", ":/metadata", tag)) {
            assertTrue(runLine.contains(part), variant + " run line lacks " + part);
        }
        String hwaccel = variant.equals("cuda") ? "nvidia" : "vaapi";
        assertTrue(read("Dockerfile." + variant).contains("\n    GOCODER_HWACCEL=" + hwaccel + " \\\n"), variant);
    }
}
