package io.nettle.internal.codec;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code Content-Type} of a file from its extension: the types a web app serves, text ones
 * with {@code charset=utf-8}; {@code application/octet-stream} for anything else.
 */
public final class MediaTypes {
    private static final String UTF8 = "; charset=utf-8";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
        Map.entry("html", "text/html" + UTF8), Map.entry("htm", "text/html" + UTF8),
        Map.entry("css", "text/css" + UTF8), Map.entry("js", "text/javascript" + UTF8), Map.entry("mjs", "text/javascript" + UTF8),
        Map.entry("json", "application/json"), Map.entry("map", "application/json"),
        Map.entry("txt", "text/plain" + UTF8), Map.entry("csv", "text/csv" + UTF8), Map.entry("md", "text/markdown" + UTF8),
        Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
        Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
        Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"),
        Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
        Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"), Map.entry("zip", "application/zip"),
        Map.entry("gz", "application/gzip"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
        Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"));

    private MediaTypes() {
    }

    /** The type of a file named {@code fileName}. */
    public static String forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
