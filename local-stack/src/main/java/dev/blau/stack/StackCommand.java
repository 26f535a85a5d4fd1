package dev.blau.stack;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** A command of the launcher that works on a stack: it takes the {@link StackOptions} and answers an exit code. */
abstract class StackCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public final Integer call() {
        checkArguments();
        StackConfig config = StackConfig.from(options, System.getProperties(), System.getenv());
        // before anything touches log4j: libraries in this JVM log into <logs>/, not onto the console
        System.setProperty("blau.logs.dir", config.logsDir().toString());
        return execute(config);
    }

    /** Rejects, with a ParameterException, what the options cannot say on their own; before anything is done. */
    void checkArguments() {
    }

    abstract int execute(StackConfig config);
}
