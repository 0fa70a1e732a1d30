package dev.lambdarouter.cli;

import dev.lambdarouter.engine.ConfigLayout;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Route files on disk (one parameter value each) and the parameter names they are published under. */
final class RouteFiles {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    private RouteFiles() {}

    /** The file's content, as the parameter value (UTF-8, unchanged). */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw CliException.usage("cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e);
        }
    }

    /**
     * Each file's content by the full parameter name it is published under: {@code {prefix}/routes/<base name>}, or
     * {@code name} for a single file.
     *
     * @param name the parameter name given with {@code --name}, or null
     * @throws CliException (usage) when {@code name} is given with several files, two files would be published under
     *                      one name, or a file cannot be read
     */
    static Map<String, String> edits(ConfigLayout layout, List<Path> files, String name) {
        if (name != null && files.size() != 1) {
            throw CliException.usage("--name needs exactly one FILE, got " + files.size());
        }
        Map<String, String> edits = new LinkedHashMap<>();
        Map<String, Path> fileByParameter = new LinkedHashMap<>();
        for (Path file : files) {
            String parameter = parameterName(layout, name != null ? name : baseName(file));
            Path other = fileByParameter.putIfAbsent(parameter, file);
            if (other != null) {
                throw CliException.usage(file + " and " + other + " would both be published as " + parameter);
            }
            edits.put(parameter, read(file));
        }
        return edits;
    }

    /** The file's base name without {@code .json}: {@code routes/orders.json} is {@code orders}. */
    static String baseName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /**
     * The full parameter name for {@code name} under the layout's routes path: {@code name} is relative
     * ({@code orders}, {@code team-a/orders}) or already absolute under that path.
     */
    static String parameterName(ConfigLayout layout, String name) {
        String routesPath = layout.routesPath();
        String relative = name;
        if (name.startsWith("/")) {
            if (!name.startsWith(routesPath + "/")) {
                throw CliException.usage("parameter " + name + " is not under " + routesPath + "/");
            }
            relative = name.substring(routesPath.length() + 1);
        }
        for (String segment : relative.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw CliException.usage("'" + name + "' is not a valid parameter name under " + routesPath
                        + "/ (letters, digits, '_', '.', '-', and '/' between levels); rename the file or use --name");
            }
        }
        return layout.routeParameter(relative);
    }
}
