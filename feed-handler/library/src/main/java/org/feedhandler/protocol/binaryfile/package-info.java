/**
 * BinaryFILE: Nasdaq's historical day-file format (u16 length-prefixed messages), streamed through
 * memory-mapped windows so memory is constant whatever the file size.
 */
package org.feedhandler.protocol.binaryfile;
