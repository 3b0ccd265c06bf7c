/**
 * The public API an application programs against: {@link org.feedhandler.api.MarketDataListener}. It
 * imports nothing of the handler, so what is stable is what is here.
 */
package org.feedhandler.api;
