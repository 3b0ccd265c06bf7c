/**
 * The handler's counters in Prometheus' exposition format, read from the counters file by a separate
 * process ({@code stat --format prometheus}, {@code stat --serve}); nothing here runs in the handler.
 */
package org.feedhandler.metrics;
