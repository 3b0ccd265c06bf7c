package org.feedhandler.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, shared by the verbs that can print their result for scripts.
 */
final class JsonOption
{
    @Option(names = "--json", description = "print the result as JSON on stdout (one document; one a line with --watch)")
    boolean json;
}
