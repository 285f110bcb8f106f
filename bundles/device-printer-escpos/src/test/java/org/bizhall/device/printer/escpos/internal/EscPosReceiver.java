package org.bizhall.device.printer.escpos.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in printer on loopback: accepts connections like a port-9100 printer, reads each job to its end and decodes
 * it as an ESC/POS printer would: known commands are applied, GB18030 text becomes lines. An unknown command fails
 * the decoding, so the driver cannot send what a printer would misread.
 */
final class EscPosReceiver implements AutoCloseable {
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** What one job put on paper. */
    record Job(List<String> lines, boolean initialised, boolean chineseMode, boolean cut, List<String> emphasised) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Object> jobs = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    EscPosReceiver() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "escpos-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                jobs.add(decode(in.readAllBytes()));
            } catch (IOException | RuntimeException e) {
                if (!server.isClosed()) {
                    jobs.add(e);
                }
            }
        }
    }

    /** The next job received; fails when none arrives within a generous bound or it could not be decoded. */
    Job next() throws Exception {
        Object job = jobs.poll(20, TimeUnit.SECONDS);
        if (job == null) {
            throw new AssertionError("the printer received nothing");
        }
        if (job instanceof Exception e) {
            throw e;
        }
        return (Job) job;
    }

    boolean idle() {
        return jobs.isEmpty();
    }

    static Job decode(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        List<String> emphasised = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean initialised = false;
        boolean chinese = false;
        boolean cut = false;
        boolean bold = false;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b == 0x1B) {
                char c = (char) bytes[i + 1];
                switch (c) {
                    case '@' -> {
                        initialised = true;
                        i += 2;
                    }
                    case 'a', 'd' -> i += 3;
                    case 'E' -> {
                        bold = bytes[i + 2] != 0;
                        i += 3;
                    }
                    default -> throw new IllegalStateException("unknown ESC " + c);
                }
            } else if (b == 0x1D) {
                char c = (char) bytes[i + 1];
                switch (c) {
                    case '!' -> i += 3;
                    case 'V' -> {
                        cut = true;
                        i += (bytes[i + 2] == 65 || bytes[i + 2] == 66) ? 4 : 3;
                    }
                    default -> throw new IllegalStateException("unknown GS " + c);
                }
            } else if (b == 0x1C) {
                char c = (char) bytes[i + 1];
                switch (c) {
                    case '&' -> chinese = true;
                    case '.' -> chinese = false;
                    default -> throw new IllegalStateException("unknown FS " + c);
                }
                i += 2;
            } else if (b == 0x0A) {
                String line = text.toString(GB18030);
                lines.add(line);
                if (bold) {
                    emphasised.add(line);
                }
                text.reset();
                i++;
            } else if (b < 0x20) {
                throw new IllegalStateException("unexpected control byte " + b);
            } else {
                if (b >= 0x80 && !chinese) {
                    throw new IllegalStateException("double-byte text outside Chinese mode");
                }
                text.write(b);
                i++;
            }
        }
        if (text.size() > 0) {
            throw new IllegalStateException("text left unprinted without a line feed: " + text.toString(GB18030));
        }
        return new Job(lines, initialised, chinese || lines.stream().anyMatch(l -> l.chars().anyMatch(ch -> ch > 0x7F)),
                cut, emphasised);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
