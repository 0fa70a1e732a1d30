package dev.lambdarouter.localstack.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks function and layer zips into a scratch directory (each zip once, however many functions use it) and
 * builds a function's class path the way the Java runtime does: the code's root, then its {@code lib/*.jar}, then
 * each layer's {@code java/lib/*.jar}. A {@code CodeUri} that is a directory is used as it is.
 */
final class CodeArchives implements AutoCloseable {

    private final Path scratch;
    private final Map<Path, Path> unpacked = new HashMap<>();

    CodeArchives() throws IOException {
        this.scratch = Files.createTempDirectory("local-stack-code-");
    }

    /** The class path of a function with this code and these layers (in order). */
    synchronized List<Path> classPath(String functionName, Path code, List<Path> layers) throws IOException {
        List<Path> entries = new ArrayList<>();
        Path root = unpack(code, functionName + " CodeUri");
        entries.add(root);
        entries.addAll(jars(root.resolve("lib")));
        for (Path layer : layers) {
            Path layerRoot = unpack(layer, functionName + " layer");
            if (Files.isDirectory(layerRoot.resolve("java"))) {
                entries.add(layerRoot.resolve("java"));
            }
            entries.addAll(jars(layerRoot.resolve("java").resolve("lib")));
        }
        return entries;
    }

    private Path unpack(Path archive, String what) throws IOException {
        Path source = archive.toAbsolutePath().normalize();
        if (Files.isDirectory(source)) {
            return source;
        }
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(
                    source.toString(), null, what + " does not exist: build it first (mvn -B -DskipTests package)");
        }
        Path existing = unpacked.get(source);
        if (existing != null) {
            return existing;
        }
        Path target = Files.createDirectories(scratch.resolve(unpacked.size() + "-" + source.getFileName()));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException(source + ": entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        unpacked.put(source, target);
        return target;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public synchronized void close() {
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // Best effort: a scratch directory left in the temp dir is harmless.
        }
    }
}
