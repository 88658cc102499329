package org.kyoo.transcoder.engine.architecture;

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

/**
 * The engine's rooms as docs/architecture.md draws them: arrows between packages run one way, and
 * no class grows past what a reader holds in their head.
 */
class ArchitectureTest {
    /** "About 300 lines": a little slack for a class that would read worse split. */
    static final int MAX_LINES = 320;

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kyoo.transcoder.engine");

    @Test
    void theRoomsHaveNoCycle() {
        slices().matching("org.kyoo.transcoder.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void noClassOfTheEngineIsLongerThanAboutThreeHundredLines() throws IOException {
        assertEquals(List.of(), longerThan(Path.of("src/main/java"), MAX_LINES));
    }

    /** Source files under {@code root} with more than {@code lines} lines, and their length. */
    static List<String> longerThan(Path root, int lines) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return f + " " + Files.readAllLines(f).size();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(s -> Integer.parseInt(s.substring(s.lastIndexOf(' ') + 1)) > lines).sorted().toList();
        }
    }
}
