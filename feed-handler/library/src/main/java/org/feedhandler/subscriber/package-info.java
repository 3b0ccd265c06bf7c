/**
 * The consuming side of the normalized SBE feed: {@link org.feedhandler.subscriber.MarketDataSubscriber}
 * subscribes to the handler's Aeron output (joining late from an Aeron Archive recording when there is
 * one), rebuilds L3 and L2 books, and calls the same {@link org.feedhandler.api.MarketDataListener} an
 * embedded strategy implements.
 */
package org.feedhandler.subscriber;
