package org.kyoo.transcoder.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The server's rooms: arrows one way, the engine never reaching back, no class past about 300 lines. */
class ArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kyoo.transcoder");

    @Test
    void theServersRoomsHaveNoCycle() {
        // the top package wires the rooms together: it is the one place every arrow may start
        slices().matching("org.kyoo.transcoder.server.(*)..").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void theEngineKnowsNothingOfTheServer() {
        noClasses().that().resideInAPackage("org.kyoo.transcoder.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.kyoo.transcoder.server..").check(ALL);
    }

    @Test
    void noClassOfTheServerIsLongerThanAboutThreeHundredLines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> long_ = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readAllLines(f).size() > 320;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).sorted().toList();
            assertEquals(List.of(), long_);
        }
    }
}
