package dev.lambdarouter.localstack;

import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.testagent.SlowStartAgent;
import dev.lambdarouter.localstack.testfunction.ControllableFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs test-only classes of this module: a Lambda function zip and a Java agent jar. */
final class TestArchives {

    private TestArchives() {}

    /** The {@link ControllableFunction} zip (its classes at the zip's root, as a Lambda Java zip). */
    static Path testFunctionZip(Path directory) throws IOException, URISyntaxException {
        Path zip = directory.resolve("test-function.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            addPackage(ControllableFunction.class, zipOut);
        }
        return zip;
    }

    /** The {@link SlowStartAgent} jar, for {@code -javaagent:<jar>=<millis>}. */
    /**
     * A function whose JVM is held in start-up for {@code startMillis} by the slow-start agent. Its code directory,
     * {@code scratch/codeDirectory}, is unique to the caller, so the child JVM can be found by its command line.
     */
    static FunctionSpec slowStartFunction(Path scratch, String codeDirectory, int startMillis)
            throws IOException, URISyntaxException {
        Path agent = slowStartAgentJar(scratch);
        Path code = Files.createDirectories(scratch.resolve(codeDirectory));
        return new FunctionSpec(
                "SlowStartFunction",
                "slow-start",
                "example.Handler::handleRequest",
                "java21",
                code,
                List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + agent + "=" + startMillis),
                128,
                1,
                null,
                null,
                null,
                0);
    }

    static Path slowStartAgentJar(Path directory) throws IOException, URISyntaxException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), SlowStartAgent.class.getName());
        Path jar = directory.resolve("slow-start-agent.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            addPackage(SlowStartAgent.class, jarOut);
        }
        return jar;
    }

    /** Adds the compiled classes of {@code anchor}'s package, under their package path. */
    private static void addPackage(Class<?> anchor, ZipOutputStream zipOut) throws IOException, URISyntaxException {
        Path classes = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = anchor.getPackageName().replace('.', '/');
        List<Path> files;
        try (Stream<Path> listing = Files.list(classes.resolve(packagePath))) {
            files = listing.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            zipOut.putNextEntry(new ZipEntry(packagePath + "/" + file.getFileName()));
            zipOut.write(Files.readAllBytes(file));
            zipOut.closeEntry();
        }
    }
}
