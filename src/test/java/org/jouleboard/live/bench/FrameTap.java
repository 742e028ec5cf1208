package org.jouleboard.live.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass-through TCP proxy between {@link LightViewers}' WebSockets and the server that reads every frame on the
 * wire as RFC 6455 says (a text message's UTF-8 is checked over the whole message, so a character may be split
 * between its frames): it tells whether what the server sent was valid when the JDK's WebSocket client says it was
 * not. With {@code -Dbench.tap=true}; it prints only what it finds wrong, and the close code of a client that gave
 * up (1007: the client found invalid UTF-8).
 */
final class FrameTap {

    private final ServerSocket server;
    private final int target;
    private final AtomicInteger connections = new AtomicInteger();

    FrameTap(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (true) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                int id = connections.incrementAndGet();
                Frames fromServer = new Frames(id, "server", false);
                Frames fromClient = new Frames(id, "client", true);
                fromClient.other = fromServer;
                Thread.ofVirtual().start(() -> copy(client, upstream, fromClient));
                Thread.ofVirtual().start(() -> copy(upstream, client, fromServer));
            } catch (IOException e) {
                System.err.println("tap: " + e);
                return;
            }
        }
    }

    private static void copy(Socket from, Socket to, Frames frames) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                frames.read(buffer, n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The other side went away.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }

    /** One direction of one connection, after the HTTP upgrade: frame by frame. */
    private static final class Frames {
        private final int id;
        private final String sender;
        private final boolean masked;
        Frames other;
        private boolean upgraded;
        private int headerEnd;
        private final ByteArrayOutputStream frameHead = new ByteArrayOutputStream();
        private long remaining = -1;
        private int opcode;
        private boolean fin;
        private byte[] mask;
        private long maskIndex;
        /** The text message being received: its frames (opcode, fin, length) and its bytes. */
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

        private final List<String> messageFrames = new ArrayList<>();
        private final ByteArrayOutputStream control = new ByteArrayOutputStream();
        private int textMessages;
        private int invalid;
        private final ByteArrayOutputStream previous = new ByteArrayOutputStream();

        Frames(int id, String sender, boolean masked) {
            this.id = id;
            this.sender = sender;
            this.masked = masked;
        }

        synchronized void read(byte[] data, int length) {
            for (int i = 0; i < length; i++) {
                take(data[i]);
            }
        }

        private void take(byte b) {
            if (!upgraded) {
                headerEnd = (b == '\r' || b == '\n') ? headerEnd + 1 : 0;
                upgraded = headerEnd == 4;
                return;
            }
            if (remaining < 0) {
                frameHead.write(b);
                head();
                return;
            }
            payload(b);
        }

        /** Parses the frame header once it is complete. */
        private void head() {
            byte[] h = frameHead.toByteArray();
            if (h.length < 2) {
                return;
            }
            int len7 = h[1] & 0x7f;
            int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
            boolean hasMask = (h[1] & 0x80) != 0;
            int need = 2 + lengthBytes + (hasMask ? 4 : 0);
            if (h.length < need) {
                return;
            }
            long len = len7;
            if (lengthBytes > 0) {
                len = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    len = (len << 8) | (h[2 + i] & 0xff);
                }
            }
            fin = (h[0] & 0x80) != 0;
            opcode = h[0] & 0x0f;
            if ((h[0] & 0x70) != 0 || hasMask != masked || opcode > 10 || (opcode > 2 && opcode < 8)) {
                System.err.printf(
                        "tap %d: %s frame header looks wrong: %s (previous message from it: %s)%n",
                        id, sender, HexFormat.of().formatHex(h), lastMessage());
            }
            mask = hasMask ? new byte[] {h[need - 4], h[need - 3], h[need - 2], h[need - 1]} : null;
            maskIndex = 0;
            remaining = len;
            frameHead.reset();
            if (opcode == 1 || opcode == 0) {
                messageFrames.add((opcode == 1 ? "TEXT" : "CONT") + (fin ? " fin" : "") + " " + len);
            }
            if (remaining == 0) {
                endFrame();
            }
        }

        private void payload(byte b) {
            if (mask != null) {
                b ^= mask[(int) (maskIndex++ & 3)];
            }
            if (opcode >= 8) {
                control.write(b);
            } else {
                message.write(b);
            }
            if (--remaining == 0) {
                endFrame();
            }
        }

        private void endFrame() {
            remaining = -1;
            if (opcode == 8 && !normalClose()) {
                byte[] c = control.toByteArray();
                int code = c.length >= 2 ? ((c[0] & 0xff) << 8) | (c[1] & 0xff) : -1;
                System.err.printf(
                        "tap %d: %s sent close %d after %d text messages%s%n",
                        id,
                        sender,
                        code,
                        textMessages,
                        other == null ? "" : "; the server's messages were " + other.verdict());
            }
            if (opcode >= 8) {
                control.reset();
                return;
            }
            if (!fin) {
                return;
            }
            textMessages++;
            byte[] bytes = message.toByteArray();
            message.reset();
            CharsetDecoder strict = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                CharBuffer text = strict.decode(ByteBuffer.wrap(bytes));
                previous.reset();
                previous.writeBytes(bytes);
                if (text.length() < 0) {
                    throw new IllegalStateException();
                }
            } catch (CharacterCodingException e) {
                invalid++;
                int bad = firstInvalid(bytes);
                System.err.printf(
                        "tap %d: %s message #%d (%d bytes, frames %s) is not valid UTF-8 at byte %d: ...%s... "
                                + "(as text: %s)%n",
                        id,
                        sender,
                        textMessages,
                        bytes.length,
                        messageFrames,
                        bad,
                        HexFormat.of().formatHex(bytes, Math.max(0, bad - 24), Math.min(bytes.length, bad + 24)),
                        new String(
                                bytes,
                                Math.max(0, bad - 120),
                                Math.min(bytes.length, bad + 120) - Math.max(0, bad - 120),
                                StandardCharsets.UTF_8));
            }
            messageFrames.clear();
        }

        private boolean normalClose() {
            byte[] c = control.toByteArray();
            return c.length >= 2 && c[0] == 0x03 && c[1] == (byte) 0xe8;
        }

        private String lastMessage() {
            String text = previous.toString(StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 200));
        }

        synchronized String verdict() {
            return invalid == 0 ? "all " + textMessages + " valid UTF-8" : invalid + " of " + textMessages + " invalid";
        }

        /** The offset of the first byte that does not decode. */
        private static int firstInvalid(byte[] bytes) {
            CharsetDecoder strict = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length + 1);
            strict.decode(in, out, true);
            return in.position();
        }
    }
}
