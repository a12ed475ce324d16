package dev.retrospec.runtime.auth;

/**
 * A monotonic clock in nanoseconds, like {@link System#nanoTime()}: only differences mean anything, and changes of
 * the wall clock (NTP steps, daylight saving, a user setting the date) do not move it. Replace it in tests.
 */
@FunctionalInterface
public interface Ticker {
    long read();

    static Ticker system() {
        return System::nanoTime;
    }
}
