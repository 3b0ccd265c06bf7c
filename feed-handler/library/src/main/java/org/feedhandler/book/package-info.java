/**
 * Order books for every stock of a feed, rebuilt from order-by-order (L3) messages.
 * <p>
 * {@link org.feedhandler.book.OrderBooks} keeps the resting orders and the aggregated price levels
 * of all 65,536 possible Stock Locates in preallocated primitive arrays and allocates nothing after
 * construction. It is built from an {@link org.feedhandler.book.OrderBooks.Context}; this package reads no
 * configuration (the layer that builds the books maps settings to the context). It takes primitives only
 * (the ITCH adapter calls it, it knows nothing of ITCH classes), answers every operation with a result code
 * instead of throwing, counts what it refuses in {@link org.feedhandler.book.BookCounters}, and reports
 * changes to a {@link org.feedhandler.book.BookListener}. Its state is kept in package-private parts: the
 * order table, the level table and the per-locate book state. {@link org.feedhandler.book.BookSnapshot}
 * copies the top levels of a book into caller-owned arrays for printing and replay comparison.
 */
package org.feedhandler.book;
