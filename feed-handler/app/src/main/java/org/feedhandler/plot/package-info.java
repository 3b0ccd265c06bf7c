/**
 * Charts of a run's latency histograms ({@code feed-handler plot}), drawn with XChart off-line, in the
 * plotting process; nothing here runs in the handler.
 */
package org.feedhandler.plot;
