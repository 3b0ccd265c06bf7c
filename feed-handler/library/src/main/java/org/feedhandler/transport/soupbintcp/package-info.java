/**
 * SoupBinTCP over TCP: {@link org.feedhandler.transport.soupbintcp.SoupBinTcpClient}, a non-blocking,
 * poll-driven client that logs in, delivers Sequenced Data, heartbeats, detects a silent server and
 * reconnects with bounded backoff, allocation-free in steady state; its settings are a
 * {@link org.feedhandler.transport.soupbintcp.SoupBinTcpClientContext}, its counts a
 * {@link org.feedhandler.transport.soupbintcp.SoupBinTcpClientCounters}. It is how a GLIMPSE snapshot is
 * fetched; the packet layouts live in {@code org.feedhandler.protocol.soupbintcp}.
 */
package org.feedhandler.transport.soupbintcp;
