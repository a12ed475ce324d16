package dev.retrospec.codegen.model;

import org.jspecify.annotations.Nullable;

/**
 * How an operation's results come in pages: what finds the next page, and where the items of a page are. Names are
 * the Java names of the operation's parameter and the page's properties, so they survive renaming of types.
 */
public sealed interface Paging {
    /** The property of the page that holds the items, or null when the page is the list itself. */
    @Nullable
    String items();

    /** The next page is the {@code Link} header's {@code rel="next"} URL (GitHub and RFC 8288). */
    record Link(@Nullable String items) implements Paging {}

    /** The page carries the cursor of the next one ({@code next_cursor}); {@code parameter} sends it. */
    record Cursor(@Nullable String items, String parameter, String nextCursor) implements Paging {}

    /**
     * Stripe's shape: while {@code hasMore} is true, the next page starts after the last item's {@code itemId},
     * sent as {@code parameter} ({@code starting_after}).
     */
    record AfterLastItem(@Nullable String items, String parameter, String itemId, String hasMore) implements Paging {}

    /** {@code parameter} is the offset of the first item; the next page starts after the items so far. */
    record Offset(@Nullable String items, String parameter) implements Paging {}

    /** {@code parameter} is the page number, from 1. */
    record PageNumber(@Nullable String items, String parameter) implements Paging {}
}
