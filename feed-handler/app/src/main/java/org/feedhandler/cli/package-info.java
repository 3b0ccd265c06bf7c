/**
 * The command line: {@link org.feedhandler.cli.Main} and one picocli command per verb (demo, run,
 * replay, generate, publish, preflight, stat). Exit statuses are shared and listed on Main.
 */
package org.feedhandler.cli;
