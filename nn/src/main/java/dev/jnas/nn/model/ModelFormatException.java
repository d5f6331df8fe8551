package dev.jnas.nn.model;

import java.nio.file.Path;

/**
 * A model file that cannot be read: wrong magic, unsupported version, truncation, checksum mismatch or a
 * malformed section. The message names the file, the byte offset and the section, e.g.
 * {@code model.jnm: offset 20 (tensors): truncated ...}.
 */
public final class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String section;

    public ModelFormatException(Path file, long offset, String section, String problem) {
        super(file + ": offset " + offset + " (" + section + "): " + problem);
        this.file = file;
        this.offset = offset;
        this.section = section;
    }

    public Path file() {
        return file;
    }

    /** Byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** The format section: header, payload, checksum, spec, seed, normalizer, metadata or tensors. */
    public String section() {
        return section;
    }
}
