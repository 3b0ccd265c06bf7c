/**
 * Nasdaq TotalView-ITCH 5.0: one flyweight per message type over an Agrona {@code DirectBuffer},
 * the {@link org.feedhandler.protocol.itch.ItchDecoder} that dispatches them to an
 * {@link org.feedhandler.protocol.itch.ItchListener}, and an encoder for the simulator and tests.
 * GLIMPSE 5.0 snapshots: {@link org.feedhandler.protocol.itch.EndOfSnapshot} ('G', where the live feed
 * continues), {@link org.feedhandler.protocol.itch.GlimpseSnapshot} (a snapshot's messages, ready to serve)
 * and {@link org.feedhandler.protocol.itch.GlimpseDecoder} (routes 'G' aside, the rest to the ITCH decoder).
 * Nothing here allocates or throws on the decode path.
 */
package org.feedhandler.protocol.itch;
