package org.kyoo.transcoder.server;

import java.nio.file.Path;
import org.kyoo.transcoder.server.cli.OperatorCommands;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.config.ConfigException;

/** {@code java -jar transcoder.jar [info FILE | keyframes FILE]}: with no subcommand, the server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (OperatorCommands.handles(args)) System.exit(OperatorCommands.run(args, System.out, System.err));
        TranscoderServer server;
        try {
            server = TranscoderServer.start(Config.fromEnvironment(System.getenv(), Path.of("")));
        } catch (ConfigException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            // a port in use, an unwritable folder: say so in one line, not a stack trace
            System.err.println("Cannot start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Unclean shutdown: " + e);
            }
        }, "shutdown"));
    }
}
