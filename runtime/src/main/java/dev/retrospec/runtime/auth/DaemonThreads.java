package dev.retrospec.runtime.auth;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code retrospec-token-<n>}: token work never keeps a JVM alive. */
final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
        Thread thread = new Thread(r, "retrospec-token-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
