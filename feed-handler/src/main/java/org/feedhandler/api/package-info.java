/**
 * The public API an application programs against: {@link org.feedhandler.api.MarketDataListener}, the events,
 * and {@link org.feedhandler.api.BookView}, the books' read-only queries. It imports nothing of the handler,
 * so what is stable is what is here. An embedded handler takes its listener from
 * {@code org.feedhandler.handler.FeedHandler.Context#listener}.
 */
package org.feedhandler.api;
