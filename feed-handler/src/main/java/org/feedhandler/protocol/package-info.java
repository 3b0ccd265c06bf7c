/**
 * Wire formats, one sub-package each: {@code itch} (Nasdaq TotalView-ITCH 5.0 messages),
 * {@code moldudp64} (packet framing and sequencing), {@code binaryfile} (historical day files),
 * {@code pcap} (captures). Framing layers hand messages to a {@link org.feedhandler.protocol.MessageHandler}.
 */
package org.feedhandler.protocol;
