package com.mclabs.sample;

import com.mclabs.microtek.MicroTek;
import com.mclabs.microtek.api.DevicesApi.ListDevicesParams;
import com.mclabs.microtek.model.Device;
import com.mclabs.microtek.model.DeviceStatus;
import com.mclabs.microtek.model.NewDevice;
import com.mclabs.microtek.model.Problem;
import com.mclabs.microtek.model.ServiceStatus;
import dev.retrospec.runtime.Omittable;
import dev.retrospec.runtime.auth.TokenListener;
import dev.retrospec.runtime.testing.MicroTekStandIn;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import retrofit2.Response;

/**
 * Runs the generated MicroTek client against a strict stand-in on loopback whose tokens live 4 seconds: token
 * acquisition, typed calls, a typed error, an expiry and its refresh, and a token revoked on the server side.
 * Prints what happens, never a token or the secret.
 */
public final class Demo {
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(1);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws IOException, InterruptedException {
        String clientId = "demo-client";
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String clientSecret = HexFormat.of().formatHex(random);

        try (MicroTekStandIn microtek = new MicroTekStandIn(clientId, clientSecret, TOKEN_LIFETIME).start()) {
            out.println("MicroTek stand-in on " + microtek.apiUrl() + " (tokens live " + TOKEN_LIFETIME.toSeconds()
                    + " s, only the newest is valid)");
            AtomicInteger acquired = new AtomicInteger();
            TokenListener printer = new TokenListener() {
                @Override
                public void onAcquired(Acquired event) {
                    out.printf(
                            "  [token #%d acquired: %s, %d ms, expires in %s s, fingerprint %s]%n",
                            acquired.incrementAndGet(),
                            event.reason().name().toLowerCase(java.util.Locale.ROOT),
                            event.duration().toMillis(),
                            event.expiresIn() == null ? "?" : event.expiresIn().toSeconds(),
                            event.fingerprint());
                }

                @Override
                public void onInvalidated(Invalidated event) {
                    out.printf("  [token %s dropped: %s]%n", event.fingerprint(), event.why());
                }

                @Override
                public void onFailed(Failed event) {
                    out.printf("  [token request failed: %s]%n", event.error().getMessage());
                }
            };

            OkHttpClient http = new OkHttpClient();
            String identityUrl = Objects.requireNonNull(microtek.tokenUrl().resolve("/"), "identity URL")
                    .toString();
            MicroTek client = MicroTek.builder()
                    .baseUrl(microtek.apiUrl().toString())
                    .okHttpClient(http)
                    .tokenProvider(new IdentityTokenProvider(
                            identityUrl, http, clientId, clientSecret, MicroTek.MICROTEK_AUTH_SCOPES))
                    .tokenListener(printer)
                    .microtekAuth(auth -> auth.refreshMargin(REFRESH_MARGIN))
                    .build();

            out.println("\n1. Public status check (security: [], no token sent)");
            ServiceStatus status = body(client.status().getStatus().execute());
            out.println("   status=" + status.status() + " version=" + status.version());

            out.println("\n2. Typed calls: the first one fetches a token");
            List<Device> devices = body(client.devices()
                    .listDevices(null, null, null, null, "demo-1")
                    .execute());
            for (Device device : devices) {
                out.println("   " + describe(device));
            }
            // Registration carries an Idempotency-Key the client makes up and keeps across retries: a 503 on the
            // way is retried, and the device is registered once.
            Device added = body(client.devices()
                    .registerDevice(new NewDevice("Flow meter", "3.0.1", Omittable.absent()), "demo-2", null)
                    .execute());
            out.println("   registered " + describe(added));
            // Every device, two per page: the client follows the Link header's next URL as iteration reaches it.
            int seen = 0;
            for (Device device : client.pages(client.devices().listDevices(null, null, 2, null, "demo-3"))) {
                seen++;
            }
            out.println("   all devices, paged two at a time: " + seen);
            List<Device> online = body(client.devices()
                    .listDevices(ListDevicesParams.builder()
                            .status(DeviceStatus.ONLINE)
                            .limit(10)
                            .build())
                    .execute());
            out.println("   online devices: " + online.size());

            out.println("\n3. A typed error body");
            Response<Device> missing = client.devices().getDevice("dev-404").execute();
            Problem problem = client.errorBody(missing, Problem.class);
            out.println("   HTTP " + missing.code() + ": code=" + (problem == null ? "?" : problem.code()) + " message="
                    + (problem == null ? "?" : problem.message()));

            out.println("\n4. Expiry: waiting past the refresh point (expires_in - margin = "
                    + TOKEN_LIFETIME.minus(REFRESH_MARGIN).toSeconds() + " s)");
            Thread.sleep(TOKEN_LIFETIME.minus(REFRESH_MARGIN).plusMillis(300).toMillis());
            out.println(
                    "   " + describe(body(client.devices().getDevice("dev-1").execute())));

            out.println("\n5. The server revokes the token: one 401, one refresh, the call still succeeds");
            microtek.revokeCurrentToken();
            out.println(
                    "   " + describe(body(client.devices().getDevice("dev-2").execute())));

            out.println("\nToken requests: " + microtek.tokenRequests() + ", 401s from the API: "
                    + microtek.rejectedRequests() + ", API calls: "
                    + (microtek.exchanges().size() - microtek.tokenRequests()));
        }
    }

    private static String describe(Device device) {
        return device.id() + " \"" + device.name() + "\" " + device.status().value()
                + ", firmware " + (device.firmware() == null ? "unknown" : device.firmware())
                + ", location " + (device.location() == null ? "unknown" : device.location())
                + ", registered " + device.registeredAt();
    }

    private static <T> T body(Response<T> response) throws IOException {
        T body = response.body();
        if (!response.isSuccessful() || body == null) {
            throw new IOException("HTTP " + response.code() + " from "
                    + response.raw().request().url());
        }
        return body;
    }
}
