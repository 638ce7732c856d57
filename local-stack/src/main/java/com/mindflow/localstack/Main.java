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
            case "up" -> new Stack(home, servers).up(arguments.contains("--servers-only"), replicas(arguments));
            case "supervise" -> new Supervisor(home, servers).run();
            case "down" -> new Stack(home, servers).down();
            case "status" -> new Stack(home, servers).status();
            default -> {
                System.err.println("usage: java -jar local-stack.jar up [--servers-only] [--replicas N] | down | status"
                        + " | supervise");
                yield command.equals("help") ? 0 : 2;
            }
        };
        System.exit(exit);
    }

    /** {@code --replicas N} (1 or 2): instances of command-, query- and projection-service; 1 without the flag. */
    static int replicas(List<String> arguments) {
        int at = arguments.indexOf("--replicas");
        if (at < 0) {
            return 1;
        }
        if (at + 1 >= arguments.size() || !arguments.get(at + 1).matches("[12]")) {
            throw new IllegalArgumentException("--replicas takes 1 or 2");
        }
        return Integer.parseInt(arguments.get(at + 1));
    }
}
