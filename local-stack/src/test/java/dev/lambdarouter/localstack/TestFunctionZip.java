package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.testfunction.ControllableFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips the test-only {@link ControllableFunction} (its classes at the zip's root, as a Lambda Java zip). */
final class TestFunctionZip {

    private TestFunctionZip() {}

    static Path build(Path directory) throws IOException, URISyntaxException {
        Path classes = Path.of(ControllableFunction.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packagePath = ControllableFunction.class.getPackageName().replace('.', '/');
        Path zip = directory.resolve("test-function.zip");
        List<Path> files;
        try (Stream<Path> listing = Files.list(classes.resolve(packagePath))) {
            files = listing.filter(p -> p.toString().endsWith(".class")).toList();
        }
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (Path file : files) {
                zipOut.putNextEntry(new ZipEntry(packagePath + "/" + file.getFileName()));
                zipOut.write(Files.readAllBytes(file));
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
