package dev.retrospec.codegen.emit;

import com.palantir.javapoet.ClassName;

/** Every library and runtime type the emitted code names, in one place. */
final class RuntimeTypes {
    private RuntimeTypes() {}

    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");

    static final ClassName JSON = ClassName.get("com.squareup.moshi", "Json");
    static final ClassName MOSHI = ClassName.get("com.squareup.moshi", "Moshi");
    static final ClassName MOSHI_BUILDER = MOSHI.nestedClass("Builder");
    static final ClassName MOSHI_TYPES = ClassName.get("com.squareup.moshi", "Types");
    static final ClassName POLYMORPHIC_FACTORY =
            ClassName.get("com.squareup.moshi.adapters", "PolymorphicJsonAdapterFactory");

    static final ClassName CALL = ClassName.get("retrofit2", "Call");
    static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
    static final ClassName RETROFIT = ClassName.get("retrofit2", "Retrofit");
    static final ClassName RETROFIT_RESPONSE = ClassName.get("retrofit2", "Response");
    static final ClassName MOSHI_CONVERTER_FACTORY =
            ClassName.get("retrofit2.converter.moshi", "MoshiConverterFactory");
    static final ClassName TEXT_CONVERTERS = ClassName.get("dev.retrospec.runtime", "TextConverters");
    static final ClassName PLAIN_TEXT = ClassName.get("dev.retrospec.runtime", "PlainText");
    static final ClassName IDEMPOTENCY_KEY = ClassName.get("dev.retrospec.runtime", "IdempotencyKey");
    static final ClassName ERROR_TYPE = ClassName.get("dev.retrospec.runtime", "ErrorType");
    static final ClassName PAGES = ClassName.get("dev.retrospec.runtime", "Pages");
    static final ClassName EVENT_STREAM = ClassName.get("dev.retrospec.runtime", "EventStream");
    static final ClassName RETRIES = ClassName.get("dev.retrospec.runtime", "Retries");
    static final ClassName RETRY_POLICY = ClassName.get("dev.retrospec.runtime", "RetryPolicy");
    static final ClassName API_CALLS = ClassName.get("dev.retrospec.runtime", "ApiCalls");
    static final ClassName URL = ClassName.get("retrofit2.http", "Url");
    private static final String HTTP = "retrofit2.http";
    static final ClassName PATH = ClassName.get(HTTP, "Path");
    static final ClassName QUERY = ClassName.get(HTTP, "Query");
    static final ClassName HEADER = ClassName.get(HTTP, "Header");
    static final ClassName BODY = ClassName.get(HTTP, "Body");
    static final ClassName FIELD = ClassName.get(HTTP, "Field");
    static final ClassName QUERY_MAP = ClassName.get(HTTP, "QueryMap");
    static final ClassName FORM_URL_ENCODED = ClassName.get(HTTP, "FormUrlEncoded");
    static final ClassName MULTIPART = ClassName.get(HTTP, "Multipart");
    static final ClassName PART = ClassName.get(HTTP, "Part");
    static final ClassName STREAMING = ClassName.get(HTTP, "Streaming");
    static final ClassName HTTP_METHOD = ClassName.get(HTTP, "HTTP");

    static final ClassName HTTP_URL = ClassName.get("okhttp3", "HttpUrl");
    static final ClassName OK_HTTP_CLIENT = ClassName.get("okhttp3", "OkHttpClient");
    static final ClassName OK_HTTP_CLIENT_BUILDER = OK_HTTP_CLIENT.nestedClass("Builder");
    static final ClassName REQUEST_BODY = ClassName.get("okhttp3", "RequestBody");
    static final ClassName MULTIPART_PART = ClassName.get("okhttp3", "MultipartBody", "Part");
    static final ClassName RESPONSE_BODY = ClassName.get("okhttp3", "ResponseBody");

    private static final String RUNTIME = "dev.retrospec.runtime";
    static final ClassName AUTH = ClassName.get(RUNTIME, "Auth");
    static final ClassName BASE_URLS = ClassName.get(RUNTIME, "BaseUrls");
    static final ClassName ENV = ClassName.get(RUNTIME, "Env");
    static final ClassName COOKIE = ClassName.get(RUNTIME, "Cookie");
    static final ClassName COOKIE_HEADER = ClassName.get(RUNTIME, "CookieHeader");
    static final ClassName DELIMITED = ClassName.get(RUNTIME, "Delimited");
    static final ClassName DEEP_OBJECT = ClassName.get(RUNTIME, "DeepObject");
    static final ClassName ERROR_BODIES = ClassName.get(RUNTIME, "ErrorBodies");
    static final ClassName PARAMETER_CONVERTERS = ClassName.get(RUNTIME, "ParameterConverters");
    static final ClassName STANDARD_JSON_ADAPTERS = ClassName.get(RUNTIME + ".json", "StandardJsonAdapters");
    static final ClassName OPEN_ENUMS = ClassName.get(RUNTIME + ".json", "OpenEnums");
    static final ClassName UNION = ClassName.get(RUNTIME, "Union");
    static final ClassName OPEN_ENUM = ClassName.get(RUNTIME, "OpenEnum");
    static final ClassName OMITTABLE = ClassName.get(RUNTIME, "Omittable");
    static final ClassName WIRE_ENUM = ClassName.get(RUNTIME, "WireEnum");
    static final ClassName UNION_WRAPPER = UNION.nestedClass("Wrapper");
    static final ClassName JSON_VALUES = ClassName.get(RUNTIME + ".json", "JsonValues");
    static final ClassName STRICTNESS = JSON_VALUES.nestedClass("Strictness");
    static final ClassName JSON_FIELDS = ClassName.get(RUNTIME + ".json", "JsonFields");
    static final ClassName JSON_OUT = ClassName.get(RUNTIME + ".json", "JsonOut");
    static final ClassName JSON_OUT_ADAPTER = ClassName.get(RUNTIME + ".json", "JsonOutAdapter");
    static final ClassName JSON_IN = ClassName.get(RUNTIME + ".json", "JsonIn");
    static final ClassName VALUE_ADAPTER = ClassName.get(RUNTIME + ".json", "ValueAdapter");
    static final ClassName JSON_CONVERTERS = ClassName.get(RUNTIME + ".json", "JsonConverters");
    static final ClassName NUMBER_KIND = JSON_VALUES.nestedClass("NumberKind");
    static final ClassName RAW_JSON = ClassName.get(RUNTIME + ".json", "RawJson");
    static final ClassName JSON_ADAPTER = ClassName.get("com.squareup.moshi", "JsonAdapter");
    static final ClassName JSON_ADAPTER_FACTORY = JSON_ADAPTER.nestedClass("Factory");
    static final ClassName JSON_READER = ClassName.get("com.squareup.moshi", "JsonReader");
    static final ClassName JSON_READER_OPTIONS = JSON_READER.nestedClass("Options");
    static final ClassName JSON_READER_TOKEN = JSON_READER.nestedClass("Token");
    static final ClassName JSON_DATA_EXCEPTION = ClassName.get("com.squareup.moshi", "JsonDataException");
    static final ClassName BYTE_STRING = ClassName.get("okio", "ByteString");
    static final ClassName CLIENT_CREDENTIALS_AUTH = ClassName.get(RUNTIME + ".auth", "ClientCredentialsAuth");
    static final ClassName CLIENT_CREDENTIALS_AUTH_BUILDER = CLIENT_CREDENTIALS_AUTH.nestedClass("Builder");
    static final ClassName TOKEN_STORE = ClassName.get(RUNTIME + ".auth", "TokenStore");
    static final ClassName TOKEN_PROVIDER = ClassName.get(RUNTIME + ".auth", "TokenProvider");
    static final ClassName TOKEN_MANAGER = ClassName.get(RUNTIME + ".auth", "TokenManager");
    static final ClassName TOKEN_LISTENER = ClassName.get(RUNTIME + ".auth", "TokenListener");
    static final ClassName API_KEY_AUTH = ClassName.get(RUNTIME + ".auth", "ApiKeyAuth");
    static final ClassName BASIC_AUTH = ClassName.get(RUNTIME + ".auth", "BasicAuth");
    static final ClassName BEARER_TOKEN_AUTH = ClassName.get(RUNTIME + ".auth", "BearerTokenAuth");
}
