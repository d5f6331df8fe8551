package dev.jnas.nn.model;

import dev.jnas.nn.data.Normalizer;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Saves and loads a model (spec + seed + every state tensor), an optional {@link Normalizer} and string
 * metadata in the versioned binary format documented in {@code docs/model-format.md}: magic
 * {@code JNASMODL}, version, payload length, payload, CRC-32 of the payload; big-endian throughout.
 *
 * <p>{@link #save} writes to a temporary file in the target directory and renames it over the target
 * (atomically where the file system allows), so a reader never sees a half-written file. {@link #load}
 * verifies magic, version, length and checksum before parsing, rebuilds the model from its spec and copies
 * the tensors in, so predictions are bit-identical to the saved model's. Any defect throws
 * {@link ModelFormatException} naming the file, offset and section.
 */
public final class ModelFile {
    /** The 8 magic bytes at offset 0. */
    public static final byte[] MAGIC = "JNASMODL".getBytes(StandardCharsets.US_ASCII);
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the payload: magic, u32 version, u64 payload length. */
    public static final int HEADER = 20;

    private ModelFile() {
    }

    /** Writes {@code model} (and {@code normalizer}, nullable, and {@code metadata}, nullable) to {@code file}. */
    public static void save(Path file, Model model, Normalizer normalizer, Map<String, String> metadata)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, ArchitectureJson.toJson(model.spec()));
        out.writeLong(model.seed());
        writeString(out, normalizer == null ? "" : normalizer.encode());
        Map<String, String> meta = metadata == null ? Map.of() : new TreeMap<>(metadata);
        out.writeInt(meta.size());
        for (Map.Entry<String, String> e : meta.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        Map<String, Tensor> state = model.state();
        out.writeInt(state.size());
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            writeString(out, e.getKey());
            int[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            for (float v : e.getValue().data()) {
                out.writeInt(Float.floatToRawIntBits(v));
            }
        }
        out.flush();
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer file0 = ByteBuffer.allocate(HEADER + payload.length + 4);
        file0.put(MAGIC).putInt(VERSION).putLong(payload.length).put(payload).putInt((int) crc.getValue());
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, file0.array());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #save}; throws {@link ModelFormatException} for any defect. */
    public static LoadedModel load(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < MAGIC.length) {
            throw new ModelFormatException(file, b.length, "header", "truncated: " + b.length
                    + " bytes, shorter than the 8-byte magic");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                throw new ModelFormatException(file, i, "header", "wrong magic: not a jnas model file (expected "
                        + "'JNASMODL')");
            }
        }
        if (b.length < HEADER) {
            throw new ModelFormatException(file, b.length, "header", "truncated: file ends inside the "
                    + HEADER + "-byte header");
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int version = buf.getInt(8);
        if (version != VERSION) {
            throw new ModelFormatException(file, 8, "header", "unsupported version " + version + ", this reader reads "
                    + VERSION);
        }
        long len = buf.getLong(12);
        long expected = HEADER + len + 4;
        if (len < 0 || b.length < expected) {
            throw new ModelFormatException(file, b.length, "payload", "truncated: header declares a payload of " + len
                    + " bytes (file of " + expected + " bytes) but the file has " + b.length + " bytes");
        }
        if (b.length > expected) {
            throw new ModelFormatException(file, expected, "checksum", (b.length - expected)
                    + " unexpected bytes after the checksum");
        }
        CRC32 crc = new CRC32();
        crc.update(b, HEADER, (int) len);
        int stored = buf.getInt(HEADER + (int) len);
        if (stored != (int) crc.getValue()) {
            throw new ModelFormatException(file, HEADER, "checksum", String.format("CRC-32 mismatch over the payload"
                    + " (bytes %d..%d): stored %08x, computed %08x; the file is corrupt", HEADER, HEADER + len - 1,
                    stored, (int) crc.getValue()));
        }
        ByteBuffer p = ByteBuffer.wrap(b, HEADER, (int) len).slice();
        return new Parser(file, p).parse();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(u.length);
        out.write(u);
    }

    /** Sequential reader of the payload that knows which section it is in for error messages. */
    private static final class Parser {
        private final Path file;
        private final ByteBuffer p;
        private String section = "spec";

        Parser(Path file, ByteBuffer p) {
            this.file = file;
            this.p = p;
        }

        LoadedModel parse() {
            try {
                long at = offset();
                ArchitectureSpec spec;
                try {
                    spec = ArchitectureJson.fromJson(string());
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(file, at, section, "bad architecture: " + e.getMessage());
                }
                section = "seed";
                long seed = p.getLong();
                section = "normalizer";
                at = offset();
                String norm = string();
                Normalizer normalizer;
                try {
                    normalizer = norm.isEmpty() ? null : Normalizer.decode(norm);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(file, at, section, e.getMessage());
                }
                section = "metadata";
                int count = count();
                Map<String, String> meta = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    meta.put(string(), string());
                }
                section = "tensors";
                at = offset();
                count = count();
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    String name = string();
                    int rank = count();
                    int[] shape = new int[rank];
                    long numel = 1;
                    for (int d = 0; d < rank; d++) {
                        shape[d] = count();
                        numel *= shape[d];
                    }
                    if (numel * 4 > p.remaining()) {
                        throw new ModelFormatException(file, offset(), section, "tensor '" + name + "' of shape "
                                + java.util.Arrays.toString(shape) + " needs " + numel * 4 + " bytes, only "
                                + p.remaining() + " remain");
                    }
                    float[] data = new float[(int) numel];
                    p.asFloatBuffer().get(data);
                    p.position(p.position() + data.length * 4);
                    tensors.put(name, Tensor.of(data, shape));
                }
                if (p.hasRemaining()) {
                    throw new ModelFormatException(file, offset(), section, p.remaining()
                            + " unexpected bytes after the last tensor");
                }
                Model model = Model.build(spec, seed);
                try {
                    model.loadState(tensors);
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(file, at, section, e.getMessage());
                }
                return new LoadedModel(model, normalizer, meta);
            } catch (BufferUnderflowException e) {
                throw new ModelFormatException(file, offset(), section, "truncated: the payload ends inside this section");
            }
        }

        private long offset() {
            return HEADER + p.position();
        }

        private int count() {
            long at = offset();
            int n = p.getInt();
            if (n < 0) {
                throw new ModelFormatException(file, at, section, "negative count or size " + n);
            }
            return n;
        }

        private String string() {
            long at = offset();
            int n = count();
            if (n > p.remaining()) {
                throw new ModelFormatException(file, at, section, "string of " + n + " bytes but only "
                        + p.remaining() + " remain");
            }
            byte[] s = new byte[n];
            p.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}
