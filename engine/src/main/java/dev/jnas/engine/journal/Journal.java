package dev.jnas.engine.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only trial journal: one JSON {@link JournalRecord} per line, each written whole and
 * forced to disk ({@link FileChannel#force}) before {@link #append} returns, so a crash loses at most
 * the line being written (which {@link JournalReader} then drops as torn). Thread-safe. Open with
 * {@link #open}, {@link #append} records, {@link #close} at the end.
 */
public final class Journal implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    public static Journal open(Path file) {
        try {
            return new Journal(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot open " + file, e);
        }
    }

    /** Writes one line and syncs it. */
    public synchronized void append(JournalRecord record) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal: cannot encode trial " + record.trial(), e);
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot append to " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("journal: cannot close " + file, e);
        }
    }
}
