package dev.jnas.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Optional download of MNIST, Fashion-MNIST and CIFAR-10 into a cache directory (default
 * {@code ~/.jnas/datasets/<name>}), each file checked against a SHA-256 digest fixed in this class.
 *
 * <p>Call {@link #fetch(String)}; it returns a directory that {@link Datasets#load} accepts for that
 * name. Files already present with the right digest are not downloaded again. Each file is tried on
 * its mirrors in order, written to a temporary file, verified, and only then moved into place; if no
 * mirror delivers verified bytes a {@link DatasetUnavailableException} says what failed and asks for
 * {@code --data-dir}. CIFAR-10's archive is unpacked (only the {@code .bin} batches and
 * {@code batches.meta.txt}) into the same directory.
 *
 * <p>Digests (SHA-256 of the files as served): MNIST as listed in TensorFlow Datasets' checksum
 * records; Fashion-MNIST for the files whose MD5s Zalando publishes (train images 26,421,880 bytes,
 * MD5 8d4fb7e6c68d591d4c3dfef9ec88bf0d); CIFAR-10 for {@code cifar-10-binary.tar.gz} (170,052,171
 * bytes, MD5 c32a1d4ab5d03f1284b67883e8d87530 as its authors publish). Each digest was found in at
 * least two independent public sources.
 */
public final class DatasetDownloader {
    /** One file to download: its name in the cache, mirror URLs in order, and its SHA-256 (hex). */
    public record RemoteFile(String name, List<URI> mirrors, String sha256) {
        public RemoteFile {
            mirrors = List.copyOf(mirrors);
            if (mirrors.isEmpty() || sha256.length() != 64) {
                throw new IllegalArgumentException("RemoteFile " + name + ": need mirrors and a 64-hex-digit SHA-256");
            }
        }
    }

    /** Data set names this class can download. */
    public static final List<String> KNOWN = List.of("mnist", "fashion-mnist", "cifar10");

    private static final String MNIST_1 = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String MNIST_2 = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    private static final String FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String CIFAR = "https://www.cs.toronto.edu/~kriz/";

    private static final Map<String, List<RemoteFile>> FILES = Map.of(
            "mnist", List.of(
                    mnist("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    mnist("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    mnist("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    mnist("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            "fashion-mnist", List.of(
                    fashion("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    fashion("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    fashion("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    fashion("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            "cifar10", List.of(new RemoteFile("cifar-10-binary.tar.gz", List.of(URI.create(CIFAR + "cifar-10-binary.tar.gz")),
                    "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")));

    private final Path cacheDir;
    private final HttpClient client;
    private final Duration timeout;

    /** Downloads into {@code cacheDir/<name>}, waiting at most {@code timeout} to connect and per request. */
    public DatasetDownloader(Path cacheDir, Duration timeout) {
        this.cacheDir = cacheDir;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** {@code ~/.jnas/datasets}. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".jnas", "datasets");
    }

    /** The files (with mirrors and digests) of a known data set. */
    public static List<RemoteFile> files(String dataset) {
        List<RemoteFile> f = FILES.get(dataset);
        if (f == null) {
            throw new IllegalArgumentException("DatasetDownloader: cannot download '" + dataset + "'; known: "
                    + String.join(", ", KNOWN));
        }
        return f;
    }

    /** Downloads (if needed) a known data set; returns the directory to pass to {@link Datasets#load}. */
    public Path fetch(String dataset) throws IOException {
        Path dir = fetch(dataset, files(dataset));
        if (dataset.equals("cifar10") && DataFiles.findPlainOrGz(dir, "test_batch.bin") == null) {
            TarExtractor.extract(dir.resolve("cifar-10-binary.tar.gz"), dir,
                    base -> base.endsWith(".bin") || base.equals("batches.meta.txt"));
        }
        return dir;
    }

    /** Downloads (if needed) the given files into {@code cacheDir/label}; returns that directory. */
    public Path fetch(String label, List<RemoteFile> files) throws IOException {
        Path dir = cacheDir.resolve(label);
        Files.createDirectories(dir);
        for (RemoteFile f : files) {
            Path target = dir.resolve(f.name());
            if (Files.isRegularFile(target) && sha256(target).equalsIgnoreCase(f.sha256())) {
                continue;
            }
            download(label, f, target);
        }
        return dir;
    }

    private void download(String label, RemoteFile f, Path target) throws IOException {
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (URI uri : f.mirrors()) {
            Path tmp = Files.createTempFile(target.getParent(), f.name(), ".part");
            try {
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
                HttpResponse<Path> resp = client.send(req, HttpResponse.BodyHandlers.ofFile(tmp));
                if (resp.statusCode() != 200) {
                    failures.add(uri + ": HTTP " + resp.statusCode());
                    continue;
                }
                String actual = sha256(tmp);
                if (!actual.equalsIgnoreCase(f.sha256())) {
                    failures.add(uri + ": SHA-256 mismatch, expected " + f.sha256() + " but got " + actual);
                    continue;
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException e) {
                last = e;
                failures.add(uri + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetUnavailableException("download of " + f.name() + " interrupted", e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new DatasetUnavailableException("could not download " + label + " file " + f.name() + ": "
                + String.join("; ", failures) + ". If this machine is offline, fetch the files elsewhere and pass"
                + " --data-dir <dir> with them instead.", last);
    }

    /** SHA-256 of a file as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static RemoteFile mnist(String name, String sha) {
        return new RemoteFile(name, List.of(URI.create(MNIST_1 + name), URI.create(MNIST_2 + name)), sha);
    }

    private static RemoteFile fashion(String name, String sha) {
        return new RemoteFile(name, List.of(URI.create(FASHION + name)), sha);
    }
}
