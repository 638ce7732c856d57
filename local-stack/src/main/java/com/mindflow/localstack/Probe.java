package com.mindflow.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Cheap protocol checks over loopback, used to tell whether a server (or service) already answers. */
public final class Probe {

    private static final int TIMEOUT_MS = 1500;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(TIMEOUT_MS))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Probe() {
    }

    public static boolean tcp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends {@code request} (may be empty) and returns what the peer answers first, or empty if it does not. */
    public static Optional<byte[]> exchange(int port, byte[] request, int maxBytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            if (request.length > 0) {
                out.write(request);
                out.flush();
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[maxBytes];
            int read = in.read(buffer);
            if (read <= 0) {
                return Optional.empty();
            }
            byte[] answer = new byte[read];
            System.arraycopy(buffer, 0, answer, 0, read);
            return Optional.of(answer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the peer greets with a line starting with {@code prefix} (SMTP "220", IMAP "* OK"). */
    public static boolean greeting(int port, String prefix) {
        return exchange(port, new byte[0], 512)
                .map(bytes -> new String(bytes, StandardCharsets.US_ASCII).startsWith(prefix))
                .orElse(false);
    }

    /** Redis: PING answered by +PONG. */
    public static boolean redis(int port) {
        return exchange(port, "PING\r\n".getBytes(StandardCharsets.US_ASCII), 64)
                .map(bytes -> new String(bytes, StandardCharsets.US_ASCII).startsWith("+PONG"))
                .orElse(false);
    }

    /** PostgreSQL: an SSLRequest is answered with a single 'S' or 'N'. */
    public static boolean postgres(int port) {
        // A startup message, not only an SSLRequest: a server in crash recovery answers that too, and refuses every
        // connection with SQLSTATE 57P03 ("the database system is starting up") until it is done.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, 196608);         // protocol 3.0
        body.writeBytes("user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream startup = new ByteArrayOutputStream();
        writeInt(startup, body.size() + 4);
        startup.writeBytes(body.toByteArray());
        return exchange(port, startup.toByteArray(), 512)
                .map(bytes -> bytes.length > 0 && (bytes[0] == 'R'
                        || (bytes[0] == 'E' && !new String(bytes, StandardCharsets.US_ASCII).contains("C57P0"))))
                .orElse(false);
    }

    /** Kafka: an ApiVersions v0 request is answered with our correlation id. */
    public static boolean kafka(int port) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, 18);           // ApiVersions
        writeShort(body, 0);            // version 0
        writeInt(body, 0x4d46);         // correlation id
        writeShort(body, -1);           // null client id
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        writeInt(frame, body.size());
        frame.writeBytes(body.toByteArray());
        return exchange(port, frame.toByteArray(), 4096)
                .map(bytes -> bytes.length >= 8 && readInt(bytes, 4) == 0x4d46)
                .orElse(false);
    }

    /** MongoDB wire protocol: OP_MSG {ping: 1, $db: "admin"} is answered with an OP_MSG reply. */
    public static boolean mongo(int port) {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        doc.write(0x10);
        doc.writeBytes("hello\0".getBytes(StandardCharsets.US_ASCII));
        writeIntLe(doc, 1);
        doc.write(0x02);
        doc.writeBytes("$db\0".getBytes(StandardCharsets.US_ASCII));
        writeIntLe(doc, 6);
        doc.writeBytes("admin\0".getBytes(StandardCharsets.US_ASCII));
        doc.write(0);
        byte[] elements = doc.toByteArray();
        ByteArrayOutputStream bson = new ByteArrayOutputStream();
        writeIntLe(bson, elements.length + 4);
        bson.writeBytes(elements);
        byte[] document = bson.toByteArray();

        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        int length = 16 + 4 + 1 + document.length;
        writeIntLe(msg, length);
        writeIntLe(msg, 7);      // request id
        writeIntLe(msg, 0);      // response to
        writeIntLe(msg, 2013);   // OP_MSG
        writeIntLe(msg, 0);      // flags
        msg.write(0);            // section kind 0: body
        msg.writeBytes(document);
        return exchange(port, msg.toByteArray(), 4096)
                .map(bytes -> bytes.length >= 16 && readIntLe(bytes, 8) == 7 && readIntLe(bytes, 12) == 2013)
                .orElse(false);
    }

    /** HTTP GET on loopback; returns status and body, or empty when nothing answers. */
    public static Optional<HttpResponse<String>> httpGet(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofMillis(TIMEOUT_MS * 2L))
                    .GET()
                    .build();
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Spring Boot readiness: {@code GET /actuator/health/readiness} answers status UP. */
    public static boolean springReady(int port) {
        return springReady(port, "/actuator/health/readiness");
    }

    /** Spring Boot readiness at {@code path} (the gateway's client port has only {@code /readyz}). */
    public static boolean springReady(int port, String path) {
        return httpGet(port, path)
                .map(r -> r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\""))
                .orElse(false);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xff);
        out.write(value & 0xff);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write((value >>> 24) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write(value & 0xff);
    }

    private static void writeIntLe(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | ((b[at + 3] & 0xff) << 24);
    }
}
