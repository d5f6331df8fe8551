package dev.jnas.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Minimal reader for (optionally gzipped) POSIX/ustar tar archives, enough for the CIFAR-10 archive.
 * Regular files whose base name passes the filter are written flat into the target directory under
 * their base name, so no archive path can escape it; everything else is skipped.
 */
final class TarExtractor {
    private static final int BLOCK = 512;

    private TarExtractor() {
    }

    static List<Path> extract(Path archive, Path targetDir, Predicate<String> keepBaseName) throws IOException {
        List<Path> written = new ArrayList<>();
        Files.createDirectories(targetDir);
        try (InputStream in = DataFiles.maybeGunzip(Files.newInputStream(archive))) {
            byte[] header = new byte[BLOCK];
            long offset = 0;
            while (true) {
                int r = in.readNBytes(header, 0, BLOCK);
                if (r == 0) {
                    break;
                }
                if (r < BLOCK) {
                    throw DatasetFormatException.atOffset(archive, offset, "truncated tar header");
                }
                if (isZero(header)) {
                    break;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12, archive, offset);
                byte type = header[156];
                offset += BLOCK;
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                String base = name.substring(name.lastIndexOf('/') + 1);
                if ((type == '0' || type == 0) && !base.isEmpty() && keepBaseName.test(base)) {
                    Path out = targetDir.resolve(base);
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size, archive, offset);
                    }
                    skip(in, padded - size, archive, offset + size);
                    written.add(out);
                } else {
                    skip(in, padded, archive, offset);
                }
                offset += padded;
            }
        }
        return written;
    }

    private static void copy(InputStream in, OutputStream out, long n, Path archive, long offset) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw DatasetFormatException.atOffset(archive, offset + n - left, "truncated tar entry");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void skip(InputStream in, long n, Path archive, long offset) throws IOException {
        copy(in, OutputStream.nullOutputStream(), n, archive, offset);
    }

    private static boolean isZero(byte[] b) {
        for (byte v : b) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII).trim();
    }

    private static long octal(byte[] b, int off, int len, Path archive, long at) {
        String s = text(b, off, len);
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw DatasetFormatException.atOffset(archive, at + off, "bad tar size field '" + s + "'");
        }
    }
}
