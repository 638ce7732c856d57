package com.mindflow.testsupport.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder in front of a real server, for fault injection: {@link #cut()} makes the server
 * unreachable as a crash would (open connections reset, new ones refused), {@link #restore()} brings it back on the
 * same port. A service under test is pointed at {@link #port()} instead of the server.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private volatile ServerSocket listener;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
    }

    /** A proxy to {@code host:port}, listening on a free loopback port. */
    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
        proxy.listen(0);
        return proxy;
    }

    /** A proxy to the host and port of {@code url} (e.g. {@code http://127.0.0.1:9200}). */
    public static TcpProxy to(URI url) {
        return to(url.getHost(), url.getPort());
    }

    public int port() {
        return port;
    }

    /** {@code url} with this proxy's port in place of the server's. */
    public String via(URI url) {
        return url.getScheme() + "://127.0.0.1:" + port + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** The server is gone: every open connection is reset and new ones are refused until {@link #restore()}. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current);
        open.forEach(TcpProxy::reset);
        open.clear();
    }

    /** The server is back, on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            listen(port);
        }
    }

    public boolean isCut() {
        return listener == null;
    }

    @Override
    public void close() {
        cut();
    }

    private void listen(int onPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
            port = server.getLocalPort();
            listener = server;
            Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> accept(server));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback port " + onPort, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                }
                catch (IOException unreachable) {
                    reset(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                if (listener != server) {
                    // Cut while this connection was being set up.
                    reset(client);
                    reset(upstream);
                    continue;
                }
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        catch (IOException ended) {
            // One side closed or was reset: the other goes too.
        }
        finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Closes with RST, not FIN: the peer sees "connection reset", as when a server process dies. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        }
        catch (SocketException ignored) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // Closing is all we wanted.
        }
    }
}
