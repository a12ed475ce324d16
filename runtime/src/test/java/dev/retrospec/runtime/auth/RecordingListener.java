package dev.retrospec.runtime.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every token event, in order, for assertions. */
final class RecordingListener implements TokenListener {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAcquired(Acquired event) {
        events.add(event);
    }

    @Override
    public void onFailed(Failed event) {
        events.add(event);
    }

    @Override
    public void onInvalidated(Invalidated event) {
        events.add(event);
    }

    @Override
    public void onStoreUnavailable(StoreUnavailable event) {
        events.add(event);
    }

    @Override
    public void onStoreAvailable(StoreAvailable event) {
        events.add(event);
    }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
