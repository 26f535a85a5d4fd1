package dev.blau.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that completes the handshake and then stops reading, with a tiny
 * receive buffer so the server's frames back up quickly: the client every chat server meets
 * sooner or later (a phone in a tunnel, a frozen tab).
 */
public final class StalledSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final List<String> handshakeHeaders;

    private StalledSocket(Socket socket, DataInputStream in, List<String> handshakeHeaders) {
        this.socket = socket;
        this.in = in;
        this.handshakeHeaders = handshakeHeaders;
    }

    public static StalledSocket open(URI base, String ticket, String origin) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + Chat.BASE + "/ws?ticket=" + ticket + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
        List<String> headers = new ArrayList<>();
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            headers.add(header);
        }
        return new StalledSocket(socket, in, List.copyOf(headers));
    }

    /** The header lines of the server's {@code 101} answer, as sent ({@code Name: value}). */
    public List<String> handshakeHeaders() {
        return handshakeHeaders;
    }

    /** Sends one text frame (masked, as a client must). */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        OutputStream out = socket.getOutputStream();
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads everything the server sent until its close frame; returns the close code and how many text frames came before. */
    public int[] readUntilClose() throws IOException {
        int texts = 0;
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                return new int[] {code, texts};
            }
            if (opcode == 0x1) {
                texts++;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
