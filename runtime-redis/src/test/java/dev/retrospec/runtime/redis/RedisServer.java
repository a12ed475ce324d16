package dev.retrospec.runtime.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the test, without persistence. Where
 * the binary is missing the test is skipped with the advice, unless {@code RETROSPEC_REQUIRE_REDIS=true} (CI), where it
 * fails.
 */
public final class RedisServer {
    private final String binary;
    private final int port;
    private Process process;

    private RedisServer(String binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** A server on a free port, not started yet (to test "down from the start"). */
    public static RedisServer onFreePort() throws IOException {
        String binary = find();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new RedisServer(binary, socket.getLocalPort());
        }
    }

    public static RedisServer started() throws IOException, InterruptedException {
        return onFreePort().start();
    }

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("true".equals(System.getenv("RETROSPEC_REQUIRE_REDIS"))) {
            throw new AssertionError("redis-server is not on the PATH but RETROSPEC_REQUIRE_REDIS=true");
        }
        Assumptions.abort("redis-server is not on the PATH: install it (Debian: apt-get install redis-server) to run"
                + " the Redis token store tests; RETROSPEC_REQUIRE_REDIS=true makes its absence a failure");
        throw new AssertionError("unreachable");
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public RedisServer start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(
                        binary,
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server did not start on port " + port);
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Kills the server (its data goes with it) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    private boolean ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.read(answer);
            return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
