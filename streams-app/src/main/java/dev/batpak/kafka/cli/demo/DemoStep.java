package dev.batpak.kafka.cli.demo;

/**
 * One step of the {@link DemoTour}: a title, shown as {@code [n/m] title}, and the work, which
 * explains itself with {@link DemoContext#say(String)}, hands values to later steps with
 * {@link DemoContext#put}, and adds its results to the closing JSON with
 * {@link DemoContext#report(String, Object)}. A step that fails throws; the tour stops there.
 */
public interface DemoStep {

    /** A short imperative title, e.g. {@code Create the store's topics}. */
    String title();

    /** Does the step's work. */
    void run(DemoContext context) throws Exception;
}
