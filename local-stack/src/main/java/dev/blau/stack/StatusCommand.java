package dev.blau.stack;

import picocli.CommandLine.Command;

import java.util.Map;
import java.util.Optional;

/** {@code status}: the services of the stack running in the background and their state; exit 3 when none runs. */
@Command(name = "status")
final class StatusCommand extends StackCommand {

    static final int NOTHING_RUNNING = 3;

    @Override
    int execute(StackConfig config) {
        ControlClient control = new ControlClient(config);
        Optional<Map<String, Object>> status = control.status();
        if (status.isEmpty()) {
            System.out.println("nothing running (no answer from " + control.url() + ")");
            return NOTHING_RUNNING;
        }
        System.out.println(Boolean.TRUE.equals(status.get().get("ready")) ? "BLAU stack: ready" : "BLAU stack: not ready");
        System.out.print(SummaryTable.format(status.get()));
        SummaryTable.printEnvironment(status.get(), System.out);
        return 0;
    }
}
