package io.nettle.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Files under a directory. A path is resolved below the root and must stay there, symbolic
 * links included: a link whose target lies outside the root is not followed unless allowed.
 */
final class DirectorySource implements FileSource {
    private final Path root;
    private final Path realRoot;
    private final boolean followLinksOut;

    DirectorySource(Path root, boolean followLinksOut) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("static files root is not a directory: " + root.toAbsolutePath());
        }
        try {
            this.root = root.toAbsolutePath().normalize();
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static files root " + root, e);
        }
        this.followLinksOut = followLinksOut;
    }

    @Override
    public Entry file(List<String> segments) throws IOException {
        Path path = resolve(segments);
        if (path == null) {
            return null;
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            return null;
        }
        return new Entry(String.valueOf(path.getFileName()), path, null, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    @Override
    public boolean isDirectory(List<String> segments) throws IOException {
        Path path = resolve(segments);
        return path != null && Files.isDirectory(path);
    }

    /** The real path of {@code segments}, or {@code null} when there is none or it leaves the root. */
    private Path resolve(List<String> segments) throws IOException {
        Path path = root;
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                path = path.resolve(segment);
            }
        }
        path = path.normalize();
        if (!path.startsWith(root) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException dangling) {
            return null;
        }
        return followLinksOut || real.startsWith(realRoot) ? real : null;
    }
}
