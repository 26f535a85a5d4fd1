package dev.blau.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code help}: the usage, on stdout. Not listed in it: -h and --help say the same. */
@Command(name = "help", hidden = true)
final class HelpCommand implements Callable<Integer> {

    // accepted and ignored: 'help --data-dir DIR' is no error, as no command rejects the options
    @Mixin
    StackOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
