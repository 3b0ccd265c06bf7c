/**
 * The public API an application programs against: {@link org.feedhandler.api.MarketDataListener}, the events,
 * and {@link org.feedhandler.api.BookView}, the books' read-only queries. It imports nothing of the handler,
 * so what is stable is what is here. An embedded handler takes its listener from
 * {@code org.feedhandler.handler.FeedHandler.Context#listener}.
 * <p>
 * <b>Stable API.</b> This package is the supported surface of the {@code feed-handler-library}
 * artifact: it changes compatibly within a major version. Every other package of the library is
 * internal and may change in any release.
 */
package org.feedhandler.api;
