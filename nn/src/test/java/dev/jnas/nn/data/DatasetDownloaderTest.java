package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every test talks to 127.0.0.1 only; none touches the internet. */
class DatasetDownloaderTest {
    @TempDir
    Path cache;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file.bin");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private DatasetDownloader downloader() {
        return new DatasetDownloader(cache, Duration.ofSeconds(5));
    }

    @Test
    void fetch_connectionRefused_asksForDataDir() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/train-images-idx3-ubyte.gz");
        DatasetDownloader.RemoteFile f = new DatasetDownloader.RemoteFile("train-images-idx3-ubyte.gz",
                List.of(closed), "0".repeat(64));
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> downloader().fetch("mnist", List.of(f)));
        assertTrue(e.getMessage().contains("--data-dir") && e.getMessage().contains(closed.toString()), e.getMessage());
        assertFalse(Files.exists(cache.resolve("mnist/train-images-idx3-ubyte.gz")));
    }

    @Test
    void fetch_wrongBytes_rejectsWithDigestsAndKeepsNothing() throws Exception {
        URI uri = serve("not the data".getBytes(StandardCharsets.UTF_8));
        String expected = sha256("the data".getBytes(StandardCharsets.UTF_8));
        DatasetDownloader.RemoteFile f = new DatasetDownloader.RemoteFile("x.gz", List.of(uri), expected);
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
                () -> downloader().fetch("set", List.of(f)));
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains(expected), e.getMessage());
        try (Stream<Path> left = Files.list(cache.resolve("set"))) {
            assertEquals(0, left.count(), "no partial or unverified file may remain");
        }
    }

    @Test
    void fetch_rightBytes_storesOnceAndReusesCache() throws Exception {
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        URI uri = serve(body);
        DatasetDownloader.RemoteFile f = new DatasetDownloader.RemoteFile("p.bin", List.of(uri), sha256(body));
        Path dir = downloader().fetch("set", List.of(f));
        assertEquals("payload", Files.readString(dir.resolve("p.bin")));
        downloader().fetch("set", List.of(f));
        assertEquals(1, requests.get(), "a verified cached file must not be downloaded again");
    }

    @Test
    void fetch_firstMirrorDown_fallsBackToSecond() throws Exception {
        byte[] body = "mirror two".getBytes(StandardCharsets.UTF_8);
        URI good = serve(body);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DatasetDownloader.RemoteFile f = new DatasetDownloader.RemoteFile("m.bin",
                List.of(URI.create("http://127.0.0.1:" + port + "/m.bin"), good), sha256(body));
        assertEquals("mirror two", Files.readString(downloader().fetch("set", List.of(f)).resolve("m.bin")));
    }

    @Test
    void files_knownSets_haveMirrorsAndHexDigests() {
        for (String name : DatasetDownloader.KNOWN) {
            for (DatasetDownloader.RemoteFile f : DatasetDownloader.files(name)) {
                assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.toString());
                assertTrue(f.mirrors().get(0).getScheme().startsWith("http"), f.toString());
            }
        }
        assertEquals(4, DatasetDownloader.files("mnist").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetDownloader.files("kmnist"));
        assertTrue(e.getMessage().contains("cifar10"), e.getMessage());
    }

    @Test
    void tarExtract_cifarLikeArchive_writesOnlyWantedFilesFlat() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "cifar-10-batches-bin/", new byte[0], '5');
        tarEntry(tar, "cifar-10-batches-bin/data_batch_1.bin", "records".getBytes(StandardCharsets.UTF_8), '0');
        tarEntry(tar, "cifar-10-batches-bin/readme.html", "skip me".getBytes(StandardCharsets.UTF_8), '0');
        tarEntry(tar, "../batches.meta.txt", "cat\ndog\n".getBytes(StandardCharsets.UTF_8), '0');
        tar.write(new byte[1024], 0, 1024);
        Path archive = TestData.write(cache.resolve("a.tar.gz"), TestData.gzip(tar.toByteArray()));
        Path out = cache.resolve("out");
        List<Path> written = TarExtractor.extract(archive, out,
                b -> b.endsWith(".bin") || b.equals("batches.meta.txt"));
        assertEquals(2, written.size());
        assertEquals("records", Files.readString(out.resolve("data_batch_1.bin")));
        assertEquals("cat\ndog\n", Files.readString(out.resolve("batches.meta.txt")));
        assertFalse(Files.exists(out.resolve("readme.html")));
        assertFalse(Files.exists(cache.resolve("batches.meta.txt")), "archive paths must not escape the target");
    }

    @Test
    void tarExtract_truncatedEntry_failsNamingArchive() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "data_batch_1.bin", new byte[2000], '0');
        byte[] cut = java.util.Arrays.copyOf(tar.toByteArray(), 512 + 700);
        Path archive = TestData.write(cache.resolve("cut.tar"), cut);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TarExtractor.extract(archive, cache.resolve("o"), b -> true));
        assertTrue(e.getMessage().contains("cut.tar"), e.getMessage());
    }

    /** Writes one ustar header (name, octal size, type, checksum) and the padded data. */
    private static void tarEntry(ByteArrayOutputStream out, String name, byte[] data, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        out.write(h, 0, 512);
        out.write(data, 0, data.length);
        int pad = (512 - data.length % 512) % 512;
        out.write(new byte[pad], 0, pad);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
