/**
 * Wire formats, one sub-package each: {@code itch} (Nasdaq TotalView-ITCH 5.0 messages),
 * {@code moldudp64} (packet framing and sequencing), {@code binaryfile} (historical day files),
 * {@code pcap} (captures), {@code soupbintcp} (SoupBinTCP 4.0 packets). Framing layers hand messages to a
 * {@link org.feedhandler.protocol.MessageHandler}. {@link org.feedhandler.protocol.AsciiFields} reads and
 * writes the space-padded ASCII fields of SoupBinTCP and GLIMPSE.
 */
package org.feedhandler.protocol;
