package dev.retrospec.runtime.redis;

import dev.retrospec.runtime.auth.StoredToken;
import dev.retrospec.runtime.auth.TokenStore;
import dev.retrospec.runtime.auth.TokenStoreBinding;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One token for every instance of a service that uses the same client id, kept in Redis with Lettuce.
 *
 * <pre>{@code
 * RedisTokenStore store = RedisTokenStore.create(redisClient);
 * MicroTek.builder().clientCredentials(id, secret).tokenStore(store).build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Your client, your security.</b> You pass the {@link RedisClient}: its {@code RedisURI} carries TLS, ACL
 *       user and password. The store opens two connections from it (commands, and pub/sub) and closes them in
 *       {@link #close()}; the client stays yours.
 *   <li><b>Atomic steps.</b> Taking, renewing and releasing the fetch lease and the fenced write are Lua scripts, so a
 *       holder whose lease ran out can never overwrite a newer token and nobody releases a lease it did not take. A
 *       holder whose lease Redis forgot (a restart without persistence) still renews and writes under it, as long as
 *       nobody has taken a lease since.
 *   <li><b>Announcements.</b> A write publishes the new version; every instance switches to it at once instead of
 *       polling. Drain requests and their answers travel the same channel.
 *   <li><b>Nothing usable in Redis.</b> Keys are {@code retrospec:{<namespace>}:...}, where the namespace is a SHA-256
 *       of token URL, client id and scopes; the token is stored sealed with AES-256-GCM under a key derived from the
 *       client secret (see {@link TokenStoreBinding}). The secret itself never leaves the process.
 *   <li><b>Outages.</b> Every call is bounded by the command timeout (1 s by default); when Redis cannot be reached the
 *       token manager falls back to fetching on its own at a bounded rate, and comes back when Redis answers. Lettuce
 *       reconnects by itself; a connection that never came up is tried again at most once a second.
 * </ul>
 */
public final class RedisTokenStore implements TokenStore, AutoCloseable {
    /**
     * Fences count up, and never below the server's time in microseconds: a Redis restarted without its data still
     * hands out fences above every version instances hold.
     */
    private static final String ACQUIRE = "if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end\n"
            + "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
            + "local fence = redis.call('INCR', KEYS[2])\n"
            + "if fence < now then fence = now; redis.call('SET', KEYS[2], string.format('%d', fence)) end\n"
            + "redis.call('SET', KEYS[1], ARGV[1] .. '|' .. string.format('%d', fence), 'PX', ARGV[2])\n"
            + "return fence";

    /**
     * A Lua function {@code lapsed()}: whether nobody holds the lease and no fence above the caller's (ARGV[n]) was
     * handed out since, because its lease lapsed or a Redis restarted without its data forgot it, fence counter
     * included. Then its holder may still renew and write; the counter is raised to its fence, so later leases fence
     * above it.
     */
    private static String lapsedAndUntaken(int fenceArg) {
        String mine = "ARGV[" + fenceArg + "]";
        return "local function lapsed()\n"
                + "  if redis.call('EXISTS', KEYS[1]) == 1 then return false end\n"
                + "  local last = tonumber(redis.call('GET', KEYS[3]) or '0')\n"
                + "  if last > tonumber(" + mine + ") then return false end\n"
                + "  if last < tonumber(" + mine + ") then redis.call('SET', KEYS[3], " + mine + ") end\n"
                + "  return true\n"
                + "end\n";
    }

    private static final String RENEW = lapsedAndUntaken(3)
            + "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end\n"
            + "if lapsed() then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1 end\n"
            + "return 0";
    private static final String RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\nreturn 0";
    private static final String WRITE = lapsedAndUntaken(2)
            + "local current = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')\n"
            + "if current >= tonumber(ARGV[2]) then return 0 end\n"
            + "if redis.call('GET', KEYS[1]) ~= ARGV[1] and not lapsed() then return 0 end\n"
            + "redis.call('DEL', KEYS[2])\n"
            + "redis.call('HSET', KEYS[2], 'version', ARGV[2], 'sealed', ARGV[3])\n"
            + "if ARGV[4] ~= '' then redis.call('PEXPIREAT', KEYS[2], ARGV[4]) end\n"
            + "redis.call('PUBLISH', ARGV[5], 'token ' .. ARGV[2])\n"
            + "return 1";

    private final RedisConnections redis;
    private final @Nullable TokenStoreBinding binding;

    private RedisTokenStore(RedisConnections redis, @Nullable TokenStoreBinding binding) {
        this.redis = redis;
        this.binding = binding;
    }

    /** A store on {@code client}'s Redis, with a 1 second command timeout; bound to credentials by the runtime. */
    public static RedisTokenStore create(RedisClient client) {
        return create(client, Duration.ofSeconds(1));
    }

    /**
     * Like {@link #create(RedisClient)}, with the most time one Redis call may take before the store counts as
     * unavailable.
     */
    public static RedisTokenStore create(RedisClient client, Duration commandTimeout) {
        Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(commandTimeout, "commandTimeout == null");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
        return new RedisTokenStore(new RedisConnections(client, commandTimeout), null);
    }

    @Override
    public boolean needsBinding() {
        return binding == null;
    }

    /** This store for one token; shares this store's connections. */
    @Override
    public RedisTokenStore bind(TokenStoreBinding binding) {
        return new RedisTokenStore(redis, Objects.requireNonNull(binding, "binding == null"));
    }

    private TokenStoreBinding binding() {
        TokenStoreBinding bound = binding;
        if (bound == null) {
            throw new IllegalStateException(
                    "RedisTokenStore is not bound to credentials: pass it to tokenStore(...) of a client builder or to"
                            + " TokenManager.Builder.store(...), or bind it with bind(TokenStoreBinding)");
        }
        return bound;
    }

    private String key(String name) {
        return "retrospec:{" + binding().namespace() + "}:" + name;
    }

    /** The pub/sub channel of this binding's announcements and drain requests. */
    String channel() {
        return key("events");
    }

    @Override
    public @Nullable StoredToken read() throws IOException {
        TokenStoreBinding bound = binding();
        List<String> fields = redis.call(c -> c.hmget(key("token"), "version", "sealed"), "read").stream()
                .map(v -> v.getValueOrElse(""))
                .toList();
        if (fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
            return null;
        }
        long version = Long.parseLong(fields.get(0));
        try {
            return bound.unseal(Base64.getDecoder().decode(fields.get(1)), version);
        } catch (IOException | IllegalArgumentException e) {
            return null; // sealed with another secret (rotated): unusable here, the next fetch replaces it
        }
    }

    @Override
    public @Nullable Lease tryAcquireLease(Duration ttl) throws IOException {
        String owner = redis.owner();
        Long fence = redis.call(
                c -> c.eval(
                        ACQUIRE,
                        ScriptOutputType.INTEGER,
                        new String[] {key("lease"), key("fence")},
                        owner,
                        Long.toString(ttl.toMillis())),
                "lease");
        return fence == null || fence < 0 ? null : new Lease(owner, fence);
    }

    @Override
    public boolean renewLease(Lease lease, Duration ttl) throws IOException {
        Long renewed = redis.call(
                c -> c.eval(
                        RENEW,
                        ScriptOutputType.INTEGER,
                        new String[] {key("lease"), key("token"), key("fence")},
                        holder(lease),
                        Long.toString(ttl.toMillis()),
                        Long.toString(lease.fence())),
                "renew");
        return renewed != null && renewed == 1;
    }

    @Override
    public boolean write(StoredToken token, Lease lease) throws IOException {
        if (token.version() != lease.fence()) {
            throw new IllegalArgumentException(
                    "token version " + token.version() + " is not the lease's fence " + lease.fence());
        }
        Instant expiresAt = token.expiresAt();
        String sealed = Base64.getEncoder().encodeToString(binding().seal(token));
        Long written = redis.call(
                c -> c.eval(
                        WRITE,
                        ScriptOutputType.INTEGER,
                        new String[] {key("lease"), key("token"), key("fence")},
                        holder(lease),
                        Long.toString(token.version()),
                        sealed,
                        expiresAt == null ? "" : Long.toString(expiresAt.toEpochMilli()),
                        channel()),
                "write");
        return written != null && written == 1;
    }

    @Override
    public void releaseLease(Lease lease) throws IOException {
        redis.call(
                c -> c.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key("lease")}, holder(lease)), "release");
    }

    private static String holder(Lease lease) {
        return lease.owner() + "|" + lease.fence();
    }

    @Override
    public void subscribe(Events events) {
        redis.subscribe(channel(), Objects.requireNonNull(events, "events == null"));
    }

    @Override
    public boolean drainOthers(long version, Duration timeout) throws IOException {
        return redis.drain(channel(), version, timeout);
    }

    @Override
    public void drained(long version) throws IOException {
        redis.publish(channel(), "drained " + version + " " + redis.owner());
    }

    /** Closes this store's connections (of every binding); the {@link RedisClient} stays open. */
    @Override
    public void close() {
        redis.close();
    }

    /** Which token, never its value or the key. */
    @Override
    public String toString() {
        TokenStoreBinding bound = binding;
        return "RedisTokenStore[" + (bound == null ? "unbound" : "namespace=" + bound.namespace()) + "]";
    }
}
