package io.nettle.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resources under a class path prefix, such as the {@code public/} folder of an app's jar. A
 * resource is read into memory the first time it is served and kept (the resources of a jar are
 * a fixed, known set); one in an exploded directory (while developing) is read from disk each time.
 */
final class ClasspathSource implements FileSource {
    private final String prefix;
    private final ClassLoader loader;
    private final Map<String, Entry> read = new ConcurrentHashMap<>();

    ClasspathSource(String root, ClassLoader loader) {
        String trimmed = root.replaceAll("^/+|/+$", "");
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
        this.loader = loader;
    }

    @Override
    public Entry file(List<String> segments) throws IOException {
        String name = prefix + String.join("/", segments);
        Entry known = read.get(name);
        if (known != null) {
            return known;
        }
        URL url = loader.getResource(name);
        if (url == null || isDirectory(url)) {
            return null;
        }
        Path onDisk = onDisk(url);
        if (onDisk != null) {
            return new Entry(onDisk.getFileName().toString(), onDisk, null, Files.size(onDisk),
                Files.getLastModifiedTime(onDisk).toInstant());
        }
        URLConnection connection = url.openConnection();
        byte[] bytes;
        try (InputStream in = connection.getInputStream()) {
            bytes = in.readAllBytes();
        }
        long modified = connection.getLastModified();
        Entry entry = new Entry(name.substring(name.lastIndexOf('/') + 1), null, bytes, bytes.length,
            Instant.ofEpochMilli(modified > 0 ? modified : 0));
        read.putIfAbsent(name, entry);
        return entry;
    }

    @Override
    public boolean isDirectory(List<String> segments) throws IOException {
        String name = prefix + String.join("/", segments);
        URL url = loader.getResource(name);
        if (url == null) {
            url = loader.getResource(name + "/"); // a jar lists a directory with its slash, if at all
        }
        return url != null && isDirectory(url);
    }

    private static boolean isDirectory(URL url) throws IOException {
        Path onDisk = onDisk(url);
        if (onDisk != null) {
            return Files.isDirectory(onDisk);
        }
        URLConnection connection = url.openConnection();
        return connection instanceof JarURLConnection jar && (jar.getJarEntry() == null || jar.getJarEntry().isDirectory());
    }

    /** The file behind a {@code file:} URL (an exploded class path), else {@code null}. */
    private static Path onDisk(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
