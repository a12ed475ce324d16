package dev.retrospec.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retrospec.codegen.Generator;
import dev.retrospec.codegen.GeneratorOptions;
import dev.retrospec.codegen.testing.Goldens;
import dev.retrospec.codegen.testing.SampleValues;
import dev.retrospec.runtime.EventStream;
import dev.retrospec.runtime.Pages;
import dev.retrospec.runtime.auth.AccessToken;
import dev.retrospec.runtime.auth.TokenProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.HttpException;
import retrofit2.Response;

/**
 * Wire conformance against an independent implementation of each test description: Stoplight Prism as a validating
 * mock. Every generated operation is called with sample arguments; Prism rejects any request that violates the
 * description (the test fails with its violations), and what Prism answers must deserialize into the generated
 * types.
 */
class PrismConformanceTest {
    private static final Path PRISM =
            Path.of(System.getProperty("retrospec.prism", "../.ci/prism/node_modules/.bin/prism"));

    private static final Pattern ERROR_KIND = Pattern.compile("stoplight\\.io/prism/errors#([A-Z_]+)");
    private static final Pattern LOCATION = Pattern.compile("\"location\":\\[([^\\]]*)\\]");
    private static final String DETAIL_SEPARATOR = " -- ";

    /**
     * Where Prism 5.16 cannot judge a request the description allows; each is pinned to exactly what Prism says, so
     * the test fails both when the call goes wrong in another way and when a newer Prism closes the gap. Multipart
     * encoding is proven against MockWebServer in the emit tests; the dotted path parameter by the golden
     * {@code ItemsApi}.
     */
    private static final Map<String, Gap> KNOWN_PRISM_GAPS = Map.of(
            "bodies-and-responses/DocumentsApi.uploadDocument",
                    new Gap(
                            "HTTP 422 [request.body.attachments, request.body.metadata]",
                            "Prism reads neither repeated parts as an array (stoplightio/prism#2654) nor a part's encoding "
                                    + "contentType, so a JSON part stays a string"),
            "parameters/ItemsApi.listItems",
                    new Gap(
                            "HTTP 404 NO_PATH_MATCHED_ERROR []",
                            "Prism's router matches no path template whose parameter name has a dot, like {user.id}"));

    private record Gap(String prismSays, String why) {}

    static Stream<String> cases() throws IOException {
        return Goldens.cases();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyOperationIsAcceptedByPrismAndItsAnswersDeserialize(String name) throws Exception {
        if (!Files.isExecutable(PRISM) && "true".equals(System.getenv("RETROSPEC_REQUIRE_PRISM"))) {
            fail("RETROSPEC_REQUIRE_PRISM is set but Prism is not installed at " + PRISM.toAbsolutePath());
        }
        assumeTrue(
                Files.isExecutable(PRISM),
                "Prism is not installed at " + PRISM.toAbsolutePath()
                        + ", skipping wire conformance: npm ci --ignore-scripts --prefix .ci/prism (CI does)");
        GeneratorOptions options = Goldens.options(name);
        ClassLoader loader = Goldens.load(name);
        List<String> paths =
                Generator.generate(options).files().stream().map(f -> f.path()).toList();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process prism = new ProcessBuilder(
                        PRISM.toString(),
                        "mock",
                        options.specFile().toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        "--errors")
                .redirectErrorStream(true)
                .start();
        try {
            awaitListening(prism);
            List<String> called = new ArrayList<>();
            Map<String, String> failures =
                    callEverything(loader, options, paths, "http://127.0.0.1:" + port + "/", called);
            long declared = paths.stream()
                    .filter(p -> p.startsWith(options.effectiveApiPackage().replace('.', '/') + "/"))
                    .map(p -> loadQuietly(loader, p))
                    .mapToLong(api -> Arrays.stream(api.getDeclaredMethods())
                            .filter(m -> !m.isSynthetic())
                            .count())
                    .sum();
            assertThat(called).as("operations called").hasSize((int) declared).isNotEmpty();
            KNOWN_PRISM_GAPS.forEach((operation, gap) -> {
                if (operation.startsWith(name + "/")) {
                    String label = operation.substring(name.length() + 1);
                    assertThat(failures.remove(label))
                            .as("%s: Prism's known gap (%s) no longer shows as expected", label, gap.why())
                            .startsWith(gap.prismSays() + DETAIL_SEPARATOR);
                }
            });
            assertThat(failures).isEmpty();
        } finally {
            prism.destroy();
            if (!prism.waitFor(5, TimeUnit.SECONDS)) {
                prism.destroyForcibly();
            }
        }
    }

    private static void awaitListening(Process prism) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(prism.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            seen.add(line);
            if (line.contains("Prism is listening")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "prism-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IOException("Prism did not start: " + String.join("\n", seen));
    }

    /** Builds the client with credentials for every scheme and calls every operation; returns what went wrong. */
    private static Map<String, String> callEverything(
            ClassLoader loader, GeneratorOptions options, List<String> paths, String baseUrl, List<String> called)
            throws Exception {
        Class<?> client = clientClass(loader, options, paths);
        Object builder = client.getMethod("builder").invoke(null);
        configure(builder);
        builder.getClass().getMethod("baseUrl", String.class).invoke(builder, baseUrl);
        Object api = builder.getClass().getMethod("build").invoke(builder);
        Map<String, String> failures = new TreeMap<>();
        for (Method accessor : sorted(client.getMethods())) {
            Class<?> service = accessor.getReturnType();
            if (!service.isInterface() || !service.getPackageName().equals(options.effectiveApiPackage())) {
                continue;
            }
            Object instance = accessor.invoke(api);
            for (Method operation : sorted(service.getDeclaredMethods())) {
                if (operation.isSynthetic()) {
                    continue; // a lambda of a default method
                }
                String label = service.getSimpleName() + "." + operation.getName();
                called.add(label);
                try {
                    Object result = operation.invoke(instance, arguments(operation));
                    check(label, result, failures);
                } catch (InvocationTargetException e) {
                    failures.put(label, e.getCause().toString());
                } catch (Exception e) {
                    // A response Prism sent that the generated types cannot read lands here.
                    failures.put(label, e.toString());
                }
            }
        }
        return failures;
    }

    /** The client class: the one class in the base package with a static {@code builder()}. */
    private static Class<?> clientClass(ClassLoader loader, GeneratorOptions options, List<String> paths) {
        String base = options.packageName().replace('.', '/') + "/";
        return paths.stream()
                .filter(p -> p.startsWith(base) && p.indexOf('/', base.length()) < 0)
                .map(p -> loadQuietly(loader, p))
                .filter(c -> Arrays.stream(c.getMethods())
                        .anyMatch(m -> m.getName().equals("builder") && Modifier.isStatic(m.getModifiers())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no client class in " + options.packageName()));
    }

    /** The class a generated file ({@code com/example/Api.java}) declares. */
    private static Class<?> loadQuietly(ClassLoader loader, String path) {
        try {
            return loader.loadClass(
                    path.substring(0, path.length() - ".java".length()).replace('/', '.'));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Credentials for every scheme the builder offers: a fixed token, an API key, basic credentials. */
    private static void configure(Object builder) throws ReflectiveOperationException {
        TokenProvider token = () -> AccessToken.bearer("test-token", null);
        for (Method method : sorted(builder.getClass().getMethods())) {
            Class<?>[] types = method.getParameterTypes();
            String name = method.getName();
            if (types.length == 1 && types[0] == TokenProvider.class) {
                method.invoke(builder, token);
            } else if (types.length == 1
                    && types[0] == String.class
                    && (name.endsWith("ApiKey")
                            || name.equals("apiKey")
                            || name.endsWith("BearerToken")
                            || name.equals("bearerToken"))) {
                method.invoke(builder, "test-credential");
            } else if (types.length == 2
                    && types[0] == String.class
                    && name.toLowerCase().endsWith("basicauth")) {
                method.invoke(builder, "user", "password");
            }
        }
    }

    private static Object[] arguments(Method operation) {
        Parameter[] parameters = operation.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = SampleValues.forParameter(parameters[i].getParameterizedType(), parameters[i].getName());
        }
        return values;
    }

    private static void check(String label, Object result, Map<String, String> failures) throws Exception {
        if (result instanceof Call<?> call) {
            Response<?> response = call.execute();
            if (!response.isSuccessful()) {
                failures.put(label, summary(response));
            }
            return;
        }
        if (result instanceof CompletableFuture<?> future) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.put(
                        label,
                        e.getCause() instanceof HttpException http
                                ? summary(http.response())
                                : e.getCause().toString());
            }
            return;
        }
        if (result instanceof Pages<?, ?> pages) {
            // The first page only: Prism answers every page with the same example, next cursor included.
            pages.pages().iterator().next();
            return;
        }
        if (result instanceof EventStream<?> events) {
            // Prism answers with an example, not a stream: it is opened and closed, its requests judged by Prism.
            events.close();
            return;
        }
        failures.put(label, "returned " + result);
    }

    /**
     * What Prism said, shortly: the status, Prism's error kind and where the violations are, e.g.
     * {@code HTTP 422 UNPROCESSABLE_ENTITY [request.body.name]}; then its full words for whoever reads a failure.
     */
    private static String summary(Response<?> response) throws IOException {
        String body = response.errorBody() == null ? "" : response.errorBody().string();
        String violations = response.headers().get("sl-violations");
        String said = violations != null ? violations + " " + body : body;
        Matcher kind = ERROR_KIND.matcher(body);
        List<String> locations = new ArrayList<>();
        Matcher location = LOCATION.matcher(violations != null ? violations : body);
        while (location.find()) {
            locations.add(location.group(1).replace("\"", "").replace(',', '.'));
        }
        return "HTTP " + response.code() + (kind.find() ? " " + kind.group(1) : "") + " " + locations + DETAIL_SEPARATOR
                + said;
    }

    private static List<Method> sorted(Method[] methods) {
        return Arrays.stream(methods)
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class)
                .sorted(Comparator.comparing(Method::getName)
                        .thenComparing(m -> Arrays.toString(m.getParameterTypes())))
                .toList();
    }
}
