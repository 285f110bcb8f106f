package org.bizhall.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's HTTP/1.1 client: each client thread keeps one persistent connection, as a counter terminal keeps one,
 * and sends a request in one write. It replaced {@code java.net.http.HttpClient}, whose selector thread and
 * asynchronous hand-offs took about a third of one of the machine's two CPUs during the HTTP phases
 * (docs/benchmarks.md): CPU the platform under test then did not have, while the JDBC baseline has no client at all.
 * It speaks only what the bench needs: a status, a {@code Location}, a body by {@code Content-Length} or chunked.
 */
final class CounterClient implements AutoCloseable {
    /** A response: its status, its {@code Location} header if any, and its body as text. */
    record Response(int status, String location, String body) {
    }

    private final String host;
    private final int port;
    private final String basePath;
    private final int timeoutMillis;
    /** Each thread's connection to this server; a thread never shares one. */
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final List<Connection> opened = new ArrayList<>();

    /** Requests to {@code http://host:port/basePath...}, each answered within {@code timeoutMillis}. */
    CounterClient(String host, int port, String basePath, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.basePath = basePath;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * {@code method path} with the given headers and body (null: none). A connection the server closed while idle is
     * opened anew and the request sent once more: nothing of it had reached the server.
     */
    Response exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        byte[] request = request(method, path, headers, body);
        Connection c = connections.get();
        if (c != null) {
            try {
                return answered(c, c.exchange(request));
            } catch (StaleConnection e) {
                c.close();
            }
        }
        c = open();
        try {
            return answered(c, c.exchange(request));
        } catch (IOException e) {
            c.close();
            connections.remove();
            throw e;
        }
    }

    /** A connection the server closed with its answer ({@code Connection: close}) is not this thread's any more. */
    private Response answered(Connection c, Response response) {
        if (c.closed) {
            connections.remove();
        }
        return response;
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(timeoutMillis);
        Connection c = new Connection(socket);
        connections.set(c);
        synchronized (opened) {
            opened.add(c);
        }
        return c;
    }

    private byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(basePath).append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return start;
        }
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(Connection::close);
            opened.clear();
        }
    }

    /** The server had closed a kept connection before this request reached it. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(String message) {
            super(message);
        }
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean used;
        private boolean closed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        Response exchange(byte[] request) throws IOException {
            boolean reused = used;
            used = true;
            String statusLine;
            try {
                out.write(request);
                out.flush();
                statusLine = line();
            } catch (EOFException | SocketException e) {
                if (reused) {
                    throw new StaleConnection(e.getMessage());
                }
                throw e;
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            String location = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    case "location" -> location = value;
                    default -> {
                        // not needed by the bench
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(chunked ? 1024 : (int) Math.max(length, 0));
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers: none expected, read to the blank line
                }
            } else if (length > 0) {
                copy(length, body);
            }
            if (closes) {
                close();
            }
            return new Response(status, location, body.toString(StandardCharsets.UTF_8));
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void copy(long count, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[(int) Math.min(count, 8192)];
            for (long left = count; left > 0;) {
                int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
                if (n < 0) {
                    throw new EOFException("the server closed the connection in a response body");
                }
                to.write(buffer, 0, n);
                left -= n;
            }
        }

        /** One header line, without its CRLF (ISO-8859-1, as HTTP's header bytes are). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
