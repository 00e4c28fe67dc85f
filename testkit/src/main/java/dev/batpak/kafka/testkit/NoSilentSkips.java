package dev.batpak.kafka.testkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Guards the always-on (in-JVM broker) run of a contract suite against silent skips: an
 * assumption that aborts a test becomes a failure, and {@link #disabledTests(Class)} lists every
 * contract test switched off by an annotation. The Testcontainers variants may skip (no Docker);
 * the in-JVM variants must run everything, because they are what CI runs.
 */
public final class NoSilentSkips implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown instanceof TestAbortedException aborted) {
            throw new AssertionError("contract test " + context.getDisplayName() + " was skipped by an assumption in"
                    + " the in-JVM run, which must run every contract test: " + aborted.getMessage(), aborted);
        }
        throw thrown;
    }

    /**
     * The test methods of {@code testClass} (including inherited contract methods) that an
     * annotation disables or makes conditional, as {@code Class#method} strings.
     */
    public static List<String> disabledTests(Class<?> testClass) {
        List<String> disabled = new ArrayList<>();
        if (hasCondition(testClass)) {
            disabled.add(testClass.getName());
        }
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c != testClass && hasCondition(c)) {
                disabled.add(c.getName());
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class) && hasCondition(method)) {
                    disabled.add(c.getSimpleName() + "#" + method.getName());
                }
            }
        }
        return disabled;
    }

    /** The number of test methods of {@code testClass}, inherited ones included. */
    public static int testCount(Class<?> testClass) {
        int count = 0;
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean hasCondition(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("org.junit.jupiter.api.condition.") || name.equals("org.junit.jupiter.api.Disabled")
                    || name.equals("org.testcontainers.junit.jupiter.Testcontainers")) {
                return true;
            }
        }
        return false;
    }
}
