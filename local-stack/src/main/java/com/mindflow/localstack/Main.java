package com.mindflow.localstack;

import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar local-stack.jar up [--servers-only] | supervise | down | status}: runs MindFlow's servers and
 * services on loopback without Docker. {@code ./mindflow} and test-support call this same program.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        StackHome home = StackHome.locate();
        List<LocalServer> servers = ServerCatalog.servers();
        int exit = switch (command) {
            case "up" -> new Stack(home, servers).up(arguments.contains("--servers-only"));
            case "supervise" -> new Supervisor(home, servers).run();
            case "down" -> new Stack(home, servers).down();
            case "status" -> new Stack(home, servers).status();
            default -> {
                System.err.println("usage: java -jar local-stack.jar up [--servers-only] | down | status | supervise");
                yield command.equals("help") ? 0 : 2;
            }
        };
        System.exit(exit);
    }
}
