package dev.retrospec.bench;

import java.net.Proxy;
import java.net.ProxySelector;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.Cache;
import okhttp3.Call;
import okhttp3.CertificatePinner;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An application-interceptor chain that answers every request with the same response: the interceptor under test
 * is the only work done. Everything an interceptor should not need throws.
 */
final class StubChain implements Interceptor.Chain {
    private final Request request;
    private final Response response;

    StubChain(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    /** An empty 200 answer to {@code request}. */
    static Response ok(Request request) {
        return new Response.Builder()
                .request(request)
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .body(ResponseBody.create("", null))
                .build();
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response proceed(Request request) {
        return response;
    }

    @Override
    public Connection connection() {
        return null; // an application interceptor has no connection
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by the benchmark");
    }

    // CHECKSTYLE:OFF - the rest of the interface, unused.
    @Override
    public Call call() {
        throw unused();
    }

    @Override
    public int connectTimeoutMillis() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int t, TimeUnit u) {
        throw unused();
    }

    @Override
    public int readTimeoutMillis() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withReadTimeout(int t, TimeUnit u) {
        throw unused();
    }

    @Override
    public int writeTimeoutMillis() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int t, TimeUnit u) {
        throw unused();
    }

    @Override
    public boolean getFollowSslRedirects() {
        throw unused();
    }

    @Override
    public boolean getFollowRedirects() {
        throw unused();
    }

    @Override
    public Dns getDns() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withDns(Dns dns) {
        throw unused();
    }

    @Override
    public SocketFactory getSocketFactory() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withSocketFactory(SocketFactory f) {
        throw unused();
    }

    @Override
    public boolean getRetryOnConnectionFailure() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withRetryOnConnectionFailure(boolean r) {
        throw unused();
    }

    @Override
    public Authenticator getAuthenticator() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withAuthenticator(Authenticator a) {
        throw unused();
    }

    @Override
    public CookieJar getCookieJar() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withCookieJar(CookieJar j) {
        throw unused();
    }

    @Override
    public Cache getCache() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withCache(Cache c) {
        throw unused();
    }

    @Override
    public Proxy getProxy() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withProxy(Proxy p) {
        throw unused();
    }

    @Override
    public ProxySelector getProxySelector() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withProxySelector(ProxySelector s) {
        throw unused();
    }

    @Override
    public Authenticator getProxyAuthenticator() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withProxyAuthenticator(Authenticator a) {
        throw unused();
    }

    @Override
    public SSLSocketFactory getSslSocketFactoryOrNull() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withSslSocketFactory(SSLSocketFactory f, X509TrustManager t) {
        throw unused();
    }

    @Override
    public X509TrustManager getX509TrustManagerOrNull() {
        throw unused();
    }

    @Override
    public HostnameVerifier getHostnameVerifier() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withHostnameVerifier(HostnameVerifier v) {
        throw unused();
    }

    @Override
    public CertificatePinner getCertificatePinner() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withCertificatePinner(CertificatePinner p) {
        throw unused();
    }

    @Override
    public ConnectionPool getConnectionPool() {
        throw unused();
    }

    @Override
    public Interceptor.Chain withConnectionPool(ConnectionPool p) {
        throw unused();
    }

    @Override
    public EventListener getEventListener() {
        throw unused();
    }
    // CHECKSTYLE:ON
}
