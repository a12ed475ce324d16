package dev.retrospec.runtime.redis;

import dev.retrospec.runtime.auth.TokenStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The two connections of one {@link RedisTokenStore} (commands, and pub/sub), opened when first needed and again
 * after a failed first attempt, and the subscribers of each channel.
 */
final class RedisConnections {
    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisClient client;
    private final Duration timeout;
    /** Lease owner: which process, and which store in it. */
    private final String owner = ProcessHandle.current().pid() + "/" + UUID.randomUUID();

    private final Map<String, List<TokenStore.Events>> subscribers = new ConcurrentHashMap<>();
    /** Drain answers per "channel version": the owners that answered. */
    private final Map<String, Set<String>> drained = new ConcurrentHashMap<>();
    /** Events run here, never on Lettuce's event loop: handlers call Redis. */
    private final ExecutorService events = Executors.newCachedThreadPool(new DaemonThreads());

    private @Nullable StatefulRedisConnection<String, String> commands;
    private @Nullable StatefulRedisPubSubConnection<String, String> pubSub;
    private long lastAttempt;
    private boolean attempted;
    private boolean closed;

    RedisConnections(RedisClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    String owner() {
        return owner;
    }

    /** Runs one command, bounded by the timeout; any Redis failure is an {@link IOException}. */
    <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, String what) throws IOException {
        RedisFuture<T> future;
        try {
            future = command.apply(connected().async());
        } catch (RedisException e) {
            throw failure(what, e);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during Redis " + what);
        } catch (TimeoutException e) {
            future.cancel(true); // never sent later, when it no longer means anything
            throw new IOException("Redis " + what + " timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        }
    }

    private static IOException failure(String what, @Nullable Throwable cause) {
        String message = cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new IOException("Redis " + what + " failed: " + message, cause);
    }

    private synchronized StatefulRedisConnection<String, String> connected() throws IOException {
        if (closed) {
            throw new IOException("RedisTokenStore is closed");
        }
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            if (attempted && System.nanoTime() - lastAttempt < RECONNECT_PAUSE_NANOS) {
                throw new IOException("Redis not connected: the last attempt failed less than a second ago");
            }
            attempted = true;
            lastAttempt = System.nanoTime();
            try {
                connection = client.connect(StringCodec.UTF8);
            } catch (RedisException e) {
                throw failure("connect", e);
            }
            connection.setTimeout(timeout);
            commands = connection;
            subscribeAll();
        }
        if (!connection.isOpen()) {
            throw new IOException("Redis not connected: reconnecting");
        }
        if (pubSub == null) {
            subscribeAll(); // the first attempt failed; Lettuce reconnects a connection that once was up
        }
        return connection;
    }

    private void subscribeAll() {
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    dispatch(channel, message);
                }
            });
            pubSub = connection;
            if (!subscribers.isEmpty()) {
                connection.async().subscribe(subscribers.keySet().toArray(new String[0]));
            }
        } catch (RedisException e) {
            // Announcements are an optimisation: without them a stale token costs a 401 and a store read.
        }
    }

    void subscribe(String channel, TokenStore.Events handler) {
        boolean first = subscribers
                .computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
                .isEmpty();
        subscribers.get(channel).add(handler);
        StatefulRedisPubSubConnection<String, String> connection;
        synchronized (this) {
            connection = pubSub;
        }
        if (first && connection != null) {
            connection.async().subscribe(channel);
        }
    }

    private void dispatch(String channel, String message) {
        String[] parts = message.split(" ");
        if (parts.length < 2) {
            return;
        }
        long version;
        try {
            version = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return;
        }
        if (parts[0].equals("drained") && parts.length == 3) {
            Set<String> answers = drained.get(channel + " " + version);
            if (answers != null) {
                synchronized (answers) {
                    answers.add(parts[2]);
                    answers.notifyAll();
                }
            }
            return;
        }
        for (TokenStore.Events handler : subscribers.getOrDefault(channel, List.of())) {
            events.execute(() -> {
                if (parts[0].equals("token")) {
                    handler.announced(version);
                } else if (parts[0].equals("drain")) {
                    handler.drainRequested(version);
                }
            });
        }
    }

    void publish(String channel, String message) throws IOException {
        call(c -> c.publish(channel, message), "publish");
    }

    /** Publishes a drain request and waits for as many answers as there were receivers, at most {@code wait}. */
    boolean drain(String channel, long version, Duration wait) throws IOException {
        String key = channel + " " + version;
        Set<String> answers = ConcurrentHashMap.newKeySet();
        drained.put(key, answers);
        try {
            Long receivers = call(c -> c.publish(channel, "drain " + version), "drain request");
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (answers) {
                while (answers.size() < (receivers == null ? 0 : receivers)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    answers.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while draining");
        } finally {
            drained.remove(key);
        }
    }

    synchronized void close() {
        closed = true;
        if (commands != null) {
            commands.close();
        }
        if (pubSub != null) {
            pubSub.close();
        }
        events.shutdown();
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "retrospec-redis-events-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
