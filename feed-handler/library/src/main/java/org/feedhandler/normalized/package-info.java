/**
 * The normalized market-data feed: {@link org.feedhandler.normalized.SbeMarketDataWriter} turns
 * {@link org.feedhandler.api.MarketDataListener} calls into SBE messages (schema
 * {@code src/main/resources/sbe/market-data.xml}, codecs generated into {@code org.feedhandler.sbe} at
 * build time) and {@link org.feedhandler.normalized.SbeMarketDataReader} turns them back. See
 * {@code docs/normalized-feed.md}.
 */
package org.feedhandler.normalized;
