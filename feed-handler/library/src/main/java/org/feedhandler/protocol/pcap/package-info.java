/**
 * Classic libpcap capture files read without allocation per packet: {@link
 * org.feedhandler.protocol.pcap.PcapReader} memory-maps the file a region at a time, walks the link layer
 * (Ethernet II with 802.1Q/802.1ad tags, Linux cooked SLL/SLL2, raw IP), IPv4 and UDP, and hands each UDP
 * payload to a {@link org.feedhandler.protocol.pcap.PcapListener} as primitives and a view of the mapped
 * bytes. A damaged capture is processed up to the damage, which is reported with its byte offset.
 */
package org.feedhandler.protocol.pcap;
