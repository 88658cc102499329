package org.kyoo.transcoder.engine.cli;

import java.io.PrintStream;

/**
 * The jar's subcommands for operators: {@code info FILE} prints the media info JSON,
 * {@code keyframes FILE} prints keyframe times one per line.
 */
public final class OperatorCommands {
    private OperatorCommands() {}

    /** True when {@code args} name a subcommand this class answers. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("info") || args[0].equals("keyframes"));
    }

    /** Runs the subcommand; returns the process exit code (non-zero with a one-line reason on err). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("TODO: issue 2");
        return 1;
    }
}
