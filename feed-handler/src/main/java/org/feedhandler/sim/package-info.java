/**
 * The exchange simulator: a deterministic, realistic ITCH 5.0 stream generator, and the publisher
 * that sends it (or a BinaryFILE) as MoldUDP64 packets at a fixed, open-loop rate.
 */
package org.feedhandler.sim;
