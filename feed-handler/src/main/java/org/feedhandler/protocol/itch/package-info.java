/**
 * Nasdaq TotalView-ITCH 5.0: one flyweight per message type over an Agrona {@code DirectBuffer},
 * the {@link org.feedhandler.protocol.itch.ItchDecoder} that dispatches them to an
 * {@link org.feedhandler.protocol.itch.ItchListener}, and an encoder for the simulator and tests.
 * Nothing here allocates or throws on the decode path.
 */
package org.feedhandler.protocol.itch;
