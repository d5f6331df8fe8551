package dev.jnas.nn.data;

import java.io.IOException;

/**
 * A data set could not be downloaded: no mirror was reachable, every mirror answered with an error,
 * or the bytes served failed their SHA-256 check. The message lists each mirror's failure and tells
 * the user to fetch the files by other means and pass {@code --data-dir}.
 */
public final class DatasetUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
