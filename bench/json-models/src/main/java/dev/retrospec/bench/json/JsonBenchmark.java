package dev.retrospec.bench.json;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.retrospec.bench.json.github.GitHub;
import dev.retrospec.bench.json.github.model.Repository;
import dev.retrospec.bench.json.oag.JSON;
import dev.retrospec.runtime.json.JsonConverters;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Reading and writing a list of GitHub repositories (the description's {@code repository} schema, every property
 * present) the way each client's Retrofit converter does it, from and to an Okio buffer as OkHttp hands them over:
 * Retrospec's records read by the converter its client adds ({@code JsonConverters}, the runtime's own parser) and
 * written by Moshi into the buffer (MoshiConverterFactory), OpenAPI Generator's classes through the Gson its
 * {@code JSON} class configures, with a reader and a writer over the buffer (GsonConverterFactory). Retrospec's
 * records read through Moshi's own reader ({@code JsonAdapter.fromJson}, as an application calling Moshi directly
 * reads them) are measured too. The long warm-up is needed: both reach their steady state
 * only after some ten seconds of compilation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonBenchmark {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  @Param("../shared/corpus/github/api.github.com.json")
  public String spec;

  @Param("1000")
  public int count;

  private byte[] payload;
  private JsonAdapter<List<Repository>> moshi;
  private Converter<ResponseBody, ?> converter;
  private Gson gson;
  private Type gsonType;
  private List<Repository> records;
  private List<dev.retrospec.bench.json.oag.model.Repository> classes;

  @Setup
  public void setUp() throws IOException {
    payload = Payload.of(Path.of(spec), "repository", count);
    Moshi json = GitHub.moshiBuilder().build();
    Type list = Types.newParameterizedType(List.class, Repository.class);
    moshi = json.adapter(list);
    converter = Objects.requireNonNull(JsonConverters.create(json).responseBodyConverter(list, new Annotation[0],
        new Retrofit.Builder().baseUrl("http://localhost/").build()));
    gson = new JSON().getGson();
    gsonType = TypeToken.getParameterized(List.class, dev.retrospec.bench.json.oag.model.Repository.class)
        .getType();
    records = retrospecRead();
    if (!records.equals(retrospecReadMoshiReader())) {
      throw new IllegalStateException("Retrospec's converter and Moshi's reader read the payload differently");
    }
    classes = oagRead();
    check();
  }

  /** Both read the whole payload, agree on it, and write what they read back. */
  private void check() throws IOException {
    if (records.size() != count || classes.size() != count) {
      throw new IllegalStateException("read " + records.size() + " records and " + classes.size() + " classes of "
          + count);
    }
    for (int i = 0; i < count; i += 97) {
      Repository record = records.get(i);
      var other = classes.get(i);
      boolean same = record.fullName().equals(other.getFullName())
          && record.owner().login().equals(other.getOwner().getLogin())
          && Objects.equals(record.pushedAt(), other.getPushedAt())
          && (record.templateRepository().orNull() == null) == (other.getTemplateRepository() == null);
      if (!same) {
        throw new IllegalStateException("Retrospec and OpenAPI Generator read repository " + i + " differently");
      }
    }
    System.out.printf("payload: %d repositories, %d bytes; written back: Retrospec %d bytes, OpenAPI Generator %d"
        + " bytes%n", count, payload.length, retrospecWrite(), oagWrite());
  }

  @Benchmark
  @SuppressWarnings("unchecked")
  public List<Repository> retrospecRead() throws IOException {
    return (List<Repository>) converter.convert(ResponseBody.create(payload, JSON_TYPE));
  }

  @Benchmark
  public List<Repository> retrospecReadMoshiReader() throws IOException {
    return moshi.fromJson(new Buffer().write(payload));
  }

  @Benchmark
  public List<dev.retrospec.bench.json.oag.model.Repository> oagRead() {
    return gson.fromJson(new InputStreamReader(new Buffer().write(payload).inputStream(), StandardCharsets.UTF_8),
        gsonType);
  }

  @Benchmark
  public long retrospecWrite() throws IOException {
    Buffer buffer = new Buffer();
    moshi.toJson(buffer, records);
    return buffer.size();
  }

  @Benchmark
  public long oagWrite() throws IOException {
    Buffer buffer = new Buffer();
    try (Writer writer = new OutputStreamWriter(buffer.outputStream(), StandardCharsets.UTF_8)) {
      gson.toJson(classes, gsonType, gson.newJsonWriter(writer));
    }
    return buffer.size();
  }
}
