package org.jouleboard.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a body a host sent (Ollama, zeusd, DCGM) up to a size limit, so that a broken or hostile host cannot
 * fill the server's memory. JSON answers are refused past the limit; error bodies keep their beginning.
 */
public final class BoundedBody {

    /** The most a JSON answer from a host may have. */
    public static final int MAX_JSON_BYTES = 1024 * 1024;
    /** The most of an error body that is kept (the start says what went wrong). */
    public static final int MAX_ERROR_BYTES = 4 * 1024;

    private BoundedBody() {}

    /** A body past its limit; the message names the limit. */
    public static final class TooLarge extends IOException {
        TooLarge(int maxBytes) {
            super("The host's response is larger than " + maxBytes / 1024 + " KB; it was not read.");
        }
    }

    /** The whole body as UTF-8, closing the stream; {@link TooLarge} if it is larger than the limit. */
    public static String read(InputStream in, int maxBytes) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** At most {@code maxBytes} of the body, marked with "…" when there was more; the rest is not read. */
    public static String prefix(InputStream in, int maxBytes) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length <= maxBytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return new String(bytes, 0, maxBytes, StandardCharsets.UTF_8) + "…";
        }
    }
}
