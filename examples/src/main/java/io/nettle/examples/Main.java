package io.nettle.examples;

import io.nettle.App;
import io.nettle.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one example: {@code java -jar nettle-examples.jar [name] [--port N] [--host H]}.
 * Without a name it runs the {@code showcase} (every example in one app); {@code --help} lists
 * the examples. Ctrl-C (SIGINT/SIGTERM) stops the server gracefully: {@code awaitShutdown()}
 * drains it on the JVM's shutdown by itself.
 */
public final class Main {
    /** The examples that run alone and inside the showcase, in the order they are listed. */
    private static final List<MountableExample> MOUNTABLE = List.of(
        new HelloExample(), new EchoExample(), new AuthExample(), new ApiKeyExample(), new JwtExample(),
        new SessionExample(), new MultiExample(), new RolesExample(), new ErrorsExample(), new ChatExample());
    private static final List<Example> EXAMPLES = Stream.<Example>concat(
        MOUNTABLE.stream(), Stream.of(new ShowcaseExample(MOUNTABLE), new ParityExample(), new BenchExample())).toList();
    static final String DEFAULT = "showcase";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.println(usage());
            return;
        }
        Example example = examples().get(arguments.name().orElse(DEFAULT));
        if (example == null) {
            System.err.println("Unknown example '" + arguments.name().orElse("") + "'.");
            System.err.println(usage());
            System.exit(2);
            return;
        }
        App app = example.app(arguments.settings());
        Server server = app.serve(arguments.host(), arguments.port());
        System.out.println("Example '" + example.name() + "' on http://" + arguments.host() + ":" + server.port()
            + "/ (" + server.transport() + "); Ctrl-C stops it");
        server.awaitShutdown();
    }

    static Map<String, Example> examples() {
        Map<String, Example> byName = new LinkedHashMap<>();
        EXAMPLES.forEach(example -> byName.put(example.name(), example));
        return byName;
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar nettle-examples.jar [name] [--port N] [--host H]\nExamples:\n");
        examples().values().forEach(e -> sb.append(String.format("  %-10s %s%n", e.name(), e.description())));
        sb.append("Default: ").append(DEFAULT).append(" on 127.0.0.1:8000");
        return sb.toString();
    }
}
