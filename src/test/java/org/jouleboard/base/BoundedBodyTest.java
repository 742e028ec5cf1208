package org.jouleboard.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies from hosts are read only up to their limit; an endless body is never read to its end. */
class BoundedBodyTest {

    @Test
    void aJsonBodyUpToTheLimitIsReadOneByteMoreIsRefused() throws IOException {
        assertThat(BoundedBody.read(bytes("{\"a\":1}"), 7)).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> BoundedBody.read(bytes("{\"a\":12}"), 7))
                .isInstanceOf(BoundedBody.TooLarge.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void anEndlessBodyStopsAtTheLimit() throws IOException {
        CountingEndless endless = new CountingEndless();
        assertThatThrownBy(() -> BoundedBody.read(endless, BoundedBody.MAX_JSON_BYTES))
                .isInstanceOf(BoundedBody.TooLarge.class)
                .hasMessage("The host's response is larger than 1024 KB; it was not read.");
        assertThat(endless.read).isEqualTo(BoundedBody.MAX_JSON_BYTES + 1L);

        CountingEndless errors = new CountingEndless();
        String prefix = BoundedBody.prefix(errors, BoundedBody.MAX_ERROR_BYTES);
        assertThat(prefix).hasSize(BoundedBody.MAX_ERROR_BYTES + 1).endsWith("x…");
        assertThat(errors.read).isEqualTo(BoundedBody.MAX_ERROR_BYTES + 1L);
        assertThat(BoundedBody.prefix(bytes("model not found"), 4096)).isEqualTo("model not found");
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A host that never stops sending. */
    private static final class CountingEndless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }
    }
}
