/**
 * SoupBinTCP 4.0, Nasdaq's point-to-point session protocol over TCP (GLIMPSE is served over it):
 * the packet layouts ({@link org.feedhandler.protocol.soupbintcp.SoupBinTcp}), an encoder for every
 * packet, flyweights for the packets with fields, and a
 * {@link org.feedhandler.protocol.soupbintcp.SoupBinTcpFramer} that cuts a TCP byte stream into
 * packets. No I/O here but the {@link org.feedhandler.protocol.soupbintcp.SoupBinTcpFileReader} of
 * saved captures, no allocation on the decode path, and no exception for bad input: a bad length is
 * counted and reported. The layouts and their sources: {@code docs/soupbintcp-glimpse.md}.
 */
package org.feedhandler.protocol.soupbintcp;
