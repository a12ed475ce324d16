package dev.retrospec.runtime.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A strict stand-in for MicroTek on loopback: the identity service ({@code POST /connect/token}) and a small
 * devices API under {@code /v1/}, honouring the seed's rules.
 *
 * <ul>
 *   <li>Token requests must be form-encoded with {@code grant_type=client_credentials}, the client's id and secret
 *       (form fields, or HTTP Basic with form-urlencoded parts) and {@code scope=public-api}; credentials in the URL
 *       are refused.
 *   <li>Only the most recently issued token is valid: issuing a token invalidates every earlier one, and tokens
 *       expire after the configured lifetime.
 *   <li>API calls other than {@code GET /v1/status} need {@code Authorization: Bearer <current token>}; anything
 *       else gets 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}.
 * </ul>
 */
public final class MicroTekStandIn implements Closeable {
    public static final String SCOPE = "public-api";

    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Map<String, Object>> JSON =
            MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MockWebServer server = new MockWebServer();
    private final String clientId;
    private final String clientSecret;
    private volatile Duration tokenLifetime;
    private final AtomicReference<@Nullable Issued> current = new AtomicReference<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger rejectedRevoked = new AtomicInteger();
    private final AtomicInteger tokenRequestsInFlight = new AtomicInteger();
    private final AtomicInteger maxTokenRequestsInFlight = new AtomicInteger();
    private final List<Long> issuedAtNanos = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> devices = new ConcurrentSkipListMap<>();
    /** Registrations by their idempotency key: a retried registration returns the device it made. */
    private final Map<String, String> registeredByKey = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile Consumer<RecordedRequest> beforeApiCheck = r -> {};
    private volatile Consumer<RecordedRequest> beforeTokenAnswer = r -> {};
    private volatile Function<RecordedRequest, @Nullable MockResponse> afterTokenCheck = r -> null;
    private volatile java.util.function.BiFunction<RecordedRequest, MockResponse, MockResponse> afterAnswer =
            (r, answer) -> answer;

    /** What the stand-in saw: each request's method, path, status and whether it carried a token. */
    public record Exchange(
            String method,
            String path,
            int status,
            @Nullable String authorization) {}

    private record Issued(String value, long issuedAtNanos, long lifetimeNanos) {
        boolean expired() {
            return System.nanoTime() - issuedAtNanos >= lifetimeNanos;
        }
    }

    public MicroTekStandIn(String clientId, String clientSecret, Duration tokenLifetime) {
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = Objects.requireNonNull(clientSecret);
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime);
        seedDevices();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse response = route(request);
                exchanges.add(new Exchange(
                        request.getMethod(),
                        request.getUrl().encodedPath(),
                        response.getCode(),
                        request.getHeaders().get("Authorization")));
                return response;
            }
        });
    }

    public MicroTekStandIn start() throws IOException {
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.start(InetAddress.getLoopbackAddress(), 0);
        return this;
    }

    /**
     * Accepted sockets with {@code TCP_NODELAY}: MockWebServer writes a response's head and body separately, and with
     * Nagle's algorithm the body then waits for the client's delayed ACK, 40 ms a request on Linux.
     */
    static final class NoDelayServerSockets extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
        }
    }

    public HttpUrl tokenUrl() {
        return server.url("/connect/token");
    }

    /** The API's base URL, {@code http://127.0.0.1:port/v1/}. */
    public HttpUrl apiUrl() {
        return server.url("/v1/");
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Every token issued, oldest first. For assertions that nothing leaked them. */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** 401s the API answered. */
    public int rejectedRequests() {
        return rejected.get();
    }

    /** 401s for a token an administrator revoked ({@link #revokeCurrentToken()}); the rest were superseded or expired. */
    public int rejectedRevoked() {
        return rejectedRevoked.get();
    }

    /** The most token requests the identity service was answering at one time. */
    public int maxTokenRequestsInFlight() {
        return maxTokenRequestsInFlight.get();
    }

    /** When each token of {@link #issuedTokens()} was issued, on {@link System#nanoTime()}. */
    public List<Long> issuedAtNanos() {
        return List.copyOf(issuedAtNanos);
    }

    /** Whether {@code token} was revoked by {@link #revokeCurrentToken()} rather than replaced by a newer one. */
    public boolean wasRevoked(String token) {
        return revoked.contains(token);
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Invalidates the current token on the server side, as an administrator revoking it would. */
    public void revokeCurrentToken() {
        Issued was = current.getAndSet(null);
        if (was != null) {
            revoked.add(was.value());
        }
    }

    /** Runs before the API checks a request's token: tests hold requests in flight here. */
    public void beforeApiCheck(Consumer<RecordedRequest> hook) {
        this.beforeApiCheck = Objects.requireNonNull(hook);
    }

    /** Runs before the identity service answers a token request: tests slow it down here. */
    public void beforeTokenAnswer(Consumer<RecordedRequest> hook) {
        this.beforeTokenAnswer = Objects.requireNonNull(hook);
    }

    /**
     * Answers API requests whose token passed the check: return a response to send instead of the normal one (a 403,
     * say), or null to answer normally.
     */
    /**
     * Replaces the answer to an API request after the stand-in acted on it: a registration that happened but whose
     * answer was lost, say.
     */
    public void afterAnswer(java.util.function.BiFunction<RecordedRequest, MockResponse, MockResponse> hook) {
        this.afterAnswer = Objects.requireNonNull(hook);
    }

    public void afterTokenCheck(Function<RecordedRequest, @Nullable MockResponse> hook) {
        this.afterTokenCheck = Objects.requireNonNull(hook);
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse route(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/connect/token")) {
            return token(request);
        }
        if (path.startsWith("/v1/")) {
            return afterAnswer.apply(request, api(request, path.substring("/v1".length())));
        }
        return problem(404, "not_found", "no such endpoint: " + path);
    }

    private MockResponse token(RecordedRequest request) {
        int inFlight = tokenRequestsInFlight.incrementAndGet();
        maxTokenRequestsInFlight.accumulateAndGet(inFlight, Math::max);
        try {
            return tokenAnswer(request);
        } finally {
            tokenRequestsInFlight.decrementAndGet();
        }
    }

    private MockResponse tokenAnswer(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        beforeTokenAnswer.accept(request);
        if (!request.getMethod().equals("POST")) {
            return oauthError(400, "invalid_request", "use POST");
        }
        if (request.getUrl().query() != null) {
            return oauthError(400, "invalid_request", "credentials do not belong in the URL");
        }
        String type = request.getHeaders().get("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return oauthError(400, "invalid_request", "expected application/x-www-form-urlencoded");
        }
        Map<String, String> form = FormBodies.parse(
                request.getBody() == null ? "" : request.getBody().utf8());
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = request.getHeaders().get("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            return oauthError(401, "invalid_client", "client authentication failed");
        }
        if (!SCOPE.equals(form.get("scope"))) {
            return oauthError(400, "invalid_scope", "scope must be " + SCOPE);
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String value = "mt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Duration lifetime = tokenLifetime;
        long now = System.nanoTime();
        current.set(new Issued(value, now, lifetime.toNanos()));
        issued.add(value);
        issuedAtNanos.add(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", value);
        body.put("expires_in", Math.max(1, lifetime.toSeconds()));
        body.put("token_type", "Bearer");
        return json(200, body)
                .newBuilder()
                .setHeader("Cache-Control", "no-store")
                .build();
    }

    private MockResponse api(RecordedRequest request, String path) {
        String method = request.getMethod();
        if (method.equals("GET") && path.equals("/status")) {
            return json(200, Map.of("status", "ok", "version", "1.0.0"));
        }
        beforeApiCheck.accept(request);
        String authorization = request.getHeaders().get("Authorization");
        Issued now = current.get();
        if (authorization == null || now == null || now.expired() || !authorization.equals("Bearer " + now.value())) {
            rejected.incrementAndGet();
            if (authorization != null && revoked.contains(authorization.substring(authorization.indexOf(' ') + 1))) {
                rejectedRevoked.incrementAndGet();
            }
            return problem(401, "invalid_token", "the access token is missing, expired or no longer active")
                    .newBuilder()
                    .setHeader("WWW-Authenticate", "Bearer realm=\"microtek\", error=\"invalid_token\"")
                    .build();
        }
        MockResponse override = afterTokenCheck.apply(request);
        if (override != null) {
            return override;
        }
        if (path.equals("/devices") && method.equals("GET")) {
            // Pages of `limit` (20 unless asked), the next one linked by the Link header with an opaque cursor.
            String status = request.getUrl().queryParameter("status");
            List<Object> matching = new ArrayList<>();
            for (Map<String, Object> device : devices.values()) {
                if (status == null || status.equals(device.get("status"))) {
                    matching.add(device);
                }
            }
            int from;
            int limit;
            try {
                String cursor = request.getUrl().queryParameter("cursor");
                from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
                String size = request.getUrl().queryParameter("limit");
                limit = size == null ? 20 : Integer.parseInt(size);
            } catch (RuntimeException e) {
                return problem(400, "invalid_request", "cursor or limit is not valid");
            }
            if (from < 0 || from > matching.size() || limit < 1 || limit > 100) {
                return problem(400, "invalid_request", "cursor or limit is out of range");
            }
            List<Object> page = matching.subList(from, Math.min(matching.size(), from + limit));
            MockResponse.Builder response = new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body(MOSHI.adapter(List.class).serializeNulls().toJson(page));
            if (from + limit < matching.size()) {
                String next = request.getUrl()
                        .newBuilder()
                        .setQueryParameter("cursor", "c" + (from + limit))
                        .build()
                        .toString();
                response.setHeader("Link", "<" + next + ">; rel=\"next\"");
            }
            return response.build();
        }
        if (path.equals("/devices") && method.equals("POST")) {
            Map<String, Object> body;
            try {
                body = JSON.fromJson(
                        request.getBody() == null ? "{}" : request.getBody().utf8());
            } catch (IOException | RuntimeException e) {
                return problem(400, "invalid_json", "the body is not JSON");
            }
            if (body == null || !(body.get("name") instanceof String name) || name.isBlank()) {
                return problem(400, "invalid_request", "name is required");
            }
            String key = request.getHeaders().get("Idempotency-Key");
            if (key != null && registeredByKey.containsKey(key)) {
                return json(201, devices.get(registeredByKey.get(key))); // the same registration, not a second one
            }
            String id = "dev-" + (devices.size() + 1);
            if (key != null) {
                registeredByKey.put(key, id);
            }
            Map<String, Object> device = device(
                    id,
                    name,
                    "offline",
                    (String) body.get("firmware"),
                    (String) body.get("location"),
                    "2026-11-27T10:00:00Z");
            devices.put(id, device);
            return json(201, device);
        }
        if (path.startsWith("/devices/")) {
            String id = path.substring("/devices/".length());
            Map<String, Object> device = devices.get(id);
            if (device == null) {
                return problem(404, "device_not_found", "no device '" + id + "'");
            }
            if (method.equals("GET")) {
                return json(200, device);
            }
            if (method.equals("DELETE")) {
                devices.remove(id);
                return new MockResponse.Builder().code(204).build();
            }
        }
        return problem(404, "not_found", "no such endpoint: " + method + " " + path);
    }

    private void seedDevices() {
        devices.put(
                "dev-1",
                device("dev-1", "Boiler sensor", "online", "1.9.0", "Plant 1, hall B", "2026-01-15T08:30:00Z"));
        devices.put("dev-2", device("dev-2", "Gate camera", "offline", null, null, "2026-03-02T17:45:10+01:00"));
    }

    private static Map<String, Object> device(
            String id,
            String name,
            String status,
            @Nullable String firmware,
            @Nullable String location,
            String registeredAt) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", id);
        device.put("name", name);
        device.put("status", status);
        if (firmware != null) {
            device.put("firmware", firmware);
        }
        device.put("location", location); // required and nullable: present, possibly null
        device.put("registeredAt", registeredAt);
        return device;
    }

    private MockResponse oauthError(int code, String error, String description) {
        return json(code, Map.of("error", error, "error_description", description));
    }

    private static MockResponse problem(int code, String error, String message) {
        return json(code, Map.of("code", error, "message", message));
    }

    private static MockResponse json(int code, Map<String, ?> body) {
        String text = MOSHI.adapter(Map.class).serializeNulls().toJson(body);
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(text)
                .build();
    }
}
