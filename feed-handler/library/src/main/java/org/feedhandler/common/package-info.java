/**
 * Leaf helpers every layer may use, off the hot path: the shared exit statuses
 * ({@link org.feedhandler.common.ExitCodes}), the one JSON writer and reader
 * ({@link org.feedhandler.common.Json}, over jackson-core's streaming API), and the kernel's UDP
 * statistics ({@link org.feedhandler.common.ProcNetSnmp}), read by both the preflight and the status
 * agent. Nothing here imports another package of the project.
 */
package org.feedhandler.common;
