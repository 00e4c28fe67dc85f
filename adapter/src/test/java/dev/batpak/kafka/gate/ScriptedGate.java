package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Optional;

/** A test gate that answers by script and records, in a shared log, that it was asked. */
final class ScriptedGate implements Gate<Object> {

    /** What the gate does when asked. */
    enum Behaviour { PASS, DENY, THROW }

    private final String name;
    private final Behaviour behaviour;
    private final List<String> calls;

    ScriptedGate(String name, Behaviour behaviour, List<String> calls) {
        this.name = name;
        this.behaviour = behaviour;
        this.calls = calls;
    }

    static ScriptedGate passing(String name, List<String> calls) {
        return new ScriptedGate(name, Behaviour.PASS, calls);
    }

    static ScriptedGate denying(String name, List<String> calls) {
        return new ScriptedGate(name, Behaviour.DENY, calls);
    }

    static ScriptedGate throwing(String name, List<String> calls) {
        return new ScriptedGate(name, Behaviour.THROW, calls);
    }

    Behaviour behaviour() {
        return behaviour;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Denial> evaluate(Object ctx) {
        calls.add(name);
        return switch (behaviour) {
            case PASS -> Optional.empty();
            case DENY -> Optional.of(deny("DENIED_BY_" + name.toUpperCase(java.util.Locale.ROOT), name + " says no")
                    .with("gate", name));
            case THROW -> throw new IllegalStateException(name + " is broken");
        };
    }
}
