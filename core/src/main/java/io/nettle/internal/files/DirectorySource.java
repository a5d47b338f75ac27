package io.nettle.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files under a directory. A path is resolved below the root and must stay there, symbolic
 * links included: a link whose target lies outside the root is not followed unless allowed.
 *
 * <p>Resolving a path costs a system call per directory level (its real location, links
 * followed); the answer, including "there is none", is reused for {@link #RESOLUTION_TTL_NANOS
 * one second}, for at most {@value #MAX_RESOLUTIONS} paths. A file's size and last change are
 * read afresh on every request, so a changed file is never sent with a stale length; a file
 * created, or a link changed, is seen within that second.
 */
final class DirectorySource implements FileSource {
    /** How long a path's resolution is reused: one second. */
    static final long RESOLUTION_TTL_NANOS = 1_000_000_000L;
    /** Most resolutions kept; beyond, they are all dropped and found again. */
    static final int MAX_RESOLUTIONS = 10_000;

    private final Path root;
    private final Path realRoot;
    private final boolean followLinksOut;
    private final Map<String, Resolution> resolutions = new ConcurrentHashMap<>();

    /**
     * Where a path leads.
     *
     * @param real      its real path, or {@code null} when there is none (or it leaves the root)
     * @param directory whether that was a directory
     * @param until     {@link System#nanoTime()} until which this holds
     */
    private record Resolution(Path real, boolean directory, long until) {
    }

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
        Resolution resolution = resolve(segments);
        if (resolution.real() == null || resolution.directory()) {
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(resolution.real(), BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            return null;
        }
        Path path = resolution.real();
        return new Entry(String.valueOf(path.getFileName()), path, null, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    @Override
    public boolean isDirectory(List<String> segments) throws IOException {
        Resolution resolution = resolve(segments);
        return resolution.real() != null && resolution.directory();
    }

    /** Where {@code segments} lead, as resolved within the last second, else resolved now. */
    private Resolution resolve(List<String> segments) throws IOException {
        String key = String.join("/", segments);
        long now = System.nanoTime();
        Resolution known = resolutions.get(key);
        if (known != null && known.until() - now > 0) {
            return known;
        }
        Resolution fresh = resolveNow(segments, now + RESOLUTION_TTL_NANOS);
        if (resolutions.size() >= MAX_RESOLUTIONS) {
            resolutions.clear();
        }
        resolutions.put(key, fresh);
        return fresh;
    }

    /** The real path of {@code segments}, or none when there is none or it leaves the root. */
    private Resolution resolveNow(List<String> segments, long until) throws IOException {
        Path path = root;
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                path = path.resolve(segment);
            }
        }
        path = path.normalize();
        if (!path.startsWith(root) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Resolution(null, false, until);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException dangling) {
            return new Resolution(null, false, until);
        }
        if (!followLinksOut && !real.startsWith(realRoot)) {
            return new Resolution(null, false, until);
        }
        return new Resolution(real, Files.isDirectory(real), until);
    }
}
