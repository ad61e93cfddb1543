package org.mhpathway.cluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path a node is started from: the application's classes packed in a jar, followed by the test
 * run's dependency jars. Packing matters: Camunda names auto-deployed resources by bare file name inside a
 * jar, as in production, rather than by the absolute path of {@code target/classes}. A second jar with one
 * model changed stands for the next release in the rolling-upgrade scenario.
 */
public final class ClusterClassPath {

    private static final Path CLASSES = Path.of("target", "classes").toAbsolutePath().normalize();
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath().normalize();

    private ClusterClassPath() {
    }

    /** The application's classes as a jar, with {@code change} applied to the named resource. */
    static String with(String jarName, String changedResource, UnaryOperator<String> change) {
        Path jar = Path.of("target", "cluster", jarName).toAbsolutePath();
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(CLASSES)) {
                for (Path file : (Iterable<Path>) files.filter(f -> !f.equals(CLASSES)).sorted()::iterator) {
                    String name = CLASSES.relativize(file).toString().replace(File.separatorChar, '/');
                    if (Files.isDirectory(file)) {
                        // directory entries, as Maven writes them: class path scanning (Spring, Flyway) needs them
                        zip.putNextEntry(new JarEntry(name + "/"));
                        zip.closeEntry();
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    if (name.equals(changedResource)) {
                        String before = new String(bytes, StandardCharsets.UTF_8);
                        String after = change.apply(before);
                        if (after.equals(before)) {
                            throw new IllegalStateException("the change to " + name + " changed nothing");
                        }
                        bytes = after.getBytes(StandardCharsets.UTF_8);
                    }
                    zip.putNextEntry(new JarEntry(name));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + CLASSES + " into " + jar, e);
        }
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        for (String entry : dependencies()) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!path.equals(CLASSES) && !path.equals(TEST_CLASSES)) {
                entries.add(path.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The application's classes as a jar, unchanged: what production runs. */
    public static String release(String jarName) {
        return with(jarName, null, UnaryOperator.identity());
    }

    /** The test run's class path; when Surefire hands over a manifest-only jar, the entries it names. */
    private static List<String> dependencies() {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries.get(0))) {
                String classPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (classPath != null) {
                    List<String> named = new ArrayList<>();
                    for (String url : classPath.trim().split("\\s+")) {
                        named.add(Path.of(URI.create(url)).toString());
                    }
                    return named;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }
}
