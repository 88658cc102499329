package org.kyoo.transcoder.server;

/** {@code java -jar transcoder.jar [info FILE | keyframes FILE]}: with no subcommand, the server. */
public final class Main {
    public static void main(String[] args) {
        System.err.println("not yet");
        System.exit(1);
    }
}
