/**
 * The pipeline every source feeds: MoldUDP64 sequencing, ITCH decoding and book building, with
 * per-stage latency stamps. The live receiver, the BinaryFILE and pcap replays and the tests all
 * drive {@link org.feedhandler.pipeline.FeedPipeline}. {@link org.feedhandler.pipeline.GlimpseSnapshotBuilder}
 * goes the other way, turning books back into a GLIMPSE snapshot's messages, and
 * {@link org.feedhandler.pipeline.SnapshotRecovery} loads one into the pipeline's books while it buffers
 * the live packets, then resumes the sequencer where the snapshot ends.
 */
package org.feedhandler.pipeline;
