package dev.jnas.nn.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** File helpers shared by the readers: gzip auto-detection and "name or name.gz" lookup. */
final class DataFiles {
    private DataFiles() {
    }

    /** Wraps {@code in} in a gzip decoder when it starts with the gzip magic 0x1f 0x8b. */
    static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int m0 = b.read();
        int m1 = b.read();
        b.reset();
        if (m0 == 0x1f && m1 == 0x8b) {
            return new GZIPInputStream(b, 1 << 16);
        }
        return b;
    }

    /**
     * All bytes of {@code file}, decompressed if gzipped. A damaged gzip stream becomes a
     * {@link DatasetFormatException} at the decompressed offset where decoding stopped.
     */
    static byte[] readAll(Path file) throws IOException {
        try (InputStream in = maybeGunzip(Files.newInputStream(file))) {
            return readAll(in, file.toString());
        }
    }

    static byte[] readAll(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        byte[] buf = new byte[1 << 16];
        try {
            int r;
            while ((r = in.read(buf)) > 0) {
                out.write(buf, 0, r);
            }
        } catch (EOFException | ZipException e) {
            throw DatasetFormatException.atOffset(name, out.size(),
                    "corrupt or truncated gzip stream (" + e.getMessage() + ")");
        }
        return out.toByteArray();
    }

    /** {@code dir/name} if it exists, else {@code dir/name.gz} if that exists, else null. */
    static Path findPlainOrGz(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    /** Like {@link #findPlainOrGz} but failing with a message naming both candidates. */
    static Path require(Path dir, String name, String dataset) throws IOException {
        Path p = findPlainOrGz(dir, name);
        if (p == null) {
            throw new java.nio.file.NoSuchFileException(dir.resolve(name).toString(), null,
                    dataset + ": neither " + name + " nor " + name + ".gz found in " + dir);
        }
        return p;
    }

    static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
