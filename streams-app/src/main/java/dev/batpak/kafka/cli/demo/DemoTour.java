package dev.batpak.kafka.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The guided tour {@code batpak demo} runs: an ordered list of {@link DemoStep}s. Each step is
 * announced as {@code [n/m] title}, explains itself, and reports its results; the tour's result
 * is the map that becomes the demo's closing JSON line, starting with {@code "demo":"ok"}.
 *
 * <p>The tour grows by steps: write the step and add it to {@link #standard()} (or compose a
 * tour with {@link #then(DemoStep)}).
 */
public final class DemoTour {

    private final List<DemoStep> steps;

    private DemoTour(List<DemoStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The tour {@code batpak demo} runs. */
    public static DemoTour standard() {
        return of(List.of(new CreateTopicsStep(), new WriteProposalStep(), new ReadProposalStep(), new SequencerStep(),
                new OpenStoreStep(), new CommitStep(), new GateDenialStep(), new ConcurrencyStep(), new BatchStep(),
                new SagaStep(), new ProjectionStep(), new ReactorStep(), new FrontierAndVerifyStep()));
    }

    /** A tour of {@code steps}, in order. */
    public static DemoTour of(List<? extends DemoStep> steps) {
        return new DemoTour(new ArrayList<>(steps));
    }

    /** This tour followed by {@code step}. */
    public DemoTour then(DemoStep step) {
        List<DemoStep> more = new ArrayList<>(steps);
        more.add(step);
        return new DemoTour(more);
    }

    /** The steps, in order. */
    public List<DemoStep> steps() {
        return steps;
    }

    /**
     * Runs every step in order and returns the report: {@code "demo":"ok"} followed by what the
     * steps reported. A step's exception stops the tour and propagates.
     */
    public Map<String, Object> run(DemoContext context) throws Exception {
        for (int i = 0; i < steps.size(); i++) {
            DemoStep step = steps.get(i);
            context.out().println("[" + (i + 1) + "/" + steps.size() + "] " + step.title());
            context.out().flush();
            long start = System.nanoTime();
            step.run(context);
            context.say("(" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("demo", "ok");
        result.putAll(context.reported());
        return result;
    }
}
