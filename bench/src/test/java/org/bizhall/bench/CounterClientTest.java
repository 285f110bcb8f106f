package org.bizhall.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.After;
import org.junit.Test;

public class CounterClientTest {
    private HttpServer server;

    @After
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/fixed", x -> {
            byte[] body = ("{\"got\":\"" + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"", "'") + "\",\"auth\":\"" + x.getRequestHeaders().getFirst("Authorization") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Location", "/api/v1/orders/1");
            x.sendResponseHeaders(201, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/api/v1/chunked", x -> {
            x.sendResponseHeaders(409, 0); // length 0: the JDK server sends the body chunked
            try (OutputStream out = x.getResponseBody()) {
                out.write("{\"code\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"长\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.setExecutor(null);
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    public void aPostGetsItsStatusLocationAndBodyByContentLength() throws IOException {
        int port = serve();
        try (CounterClient client = new CounterClient("127.0.0.1", port, "/api/v1", 5_000)) {
            CounterClient.Response r = client.exchange("POST", "/fixed", Map.of("Authorization", "Basic x"),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, r.status());
            assertEquals("/api/v1/orders/1", r.location());
            assertEquals("{\"got\":\"{'a':1}\",\"auth\":\"Basic x\"}", r.body());
        }
    }

    @Test
    public void aChunkedBodyIsReadWholeAndTheConnectionServesTheNextRequest() throws IOException {
        int port = serve();
        try (CounterClient client = new CounterClient("127.0.0.1", port, "/api/v1", 5_000)) {
            for (int i = 0; i < 3; i++) {
                CounterClient.Response chunked = client.exchange("GET", "/chunked", Map.of(), null);
                assertEquals(409, chunked.status());
                assertEquals("{\"code\":\"长\"}", chunked.body());
                assertNull(chunked.location());
                assertEquals(201, client.exchange("POST", "/fixed", Map.of(), new byte[0]).status());
            }
        }
    }

    @Test
    public void aConnectionTheServerClosedWhileIdleIsOpenedAnewAndTheRequestSentOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread serverThread = new Thread(() -> {
                // each connection answers one request, then the server closes it as an idle timeout would
                for (int i = 0; i < 2; i++) {
                    try (Socket s = listener.accept()) {
                        readRequest(s.getInputStream());
                        requests.incrementAndGet();
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serverThread.start();
            try (CounterClient client = new CounterClient("127.0.0.1", listener.getLocalPort(), "", 5_000)) {
                assertEquals("ok", client.exchange("GET", "/a", Map.of(), null).body());
                Thread.sleep(100); // the server has closed the first connection by now
                assertEquals("ok", client.exchange("GET", "/b", Map.of(), null).body());
            }
            serverThread.join(5_000);
            assertEquals(2, requests.get());
        }
    }

    /** Reads a request without a body: up to its blank line. */
    private static void readRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }
}
