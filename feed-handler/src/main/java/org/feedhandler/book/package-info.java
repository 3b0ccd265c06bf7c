/**
 * Order books for every stock of a feed, rebuilt from order-by-order (L3) messages.
 * <p>
 * {@link org.feedhandler.book.OrderBooks} keeps the resting orders and the aggregated price levels
 * of all 65,536 possible Stock Locates in preallocated primitive arrays and allocates nothing after
 * construction. It takes primitives only (the ITCH adapter calls it, it knows nothing of ITCH
 * classes), answers every operation with a result code instead of throwing, and reports changes to
 * a {@link org.feedhandler.book.BookListener}. {@link org.feedhandler.book.BookSnapshot} copies the
 * top levels of a book into caller-owned arrays for printing and replay comparison.
 */
package org.feedhandler.book;
