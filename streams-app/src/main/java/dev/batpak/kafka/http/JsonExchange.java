package dev.batpak.kafka.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What the JSON routes share: GET only, one JSON body per answer, errors mapped to a status. */
final class JsonExchange {

    /** An error answer: the HTTP status and the JSON body. */
    record Failure(int status, String body) {}

    private JsonExchange() {}

    /**
     * Answers {@code exchange} with {@code route}'s JSON, or with what {@code failure} makes of
     * a method other than GET ({@code null} argument) or of what {@code route} threw.
     */
    static void answer(HttpExchange exchange, Function<URI, String> route,
            Function<RuntimeException, Failure> failure) throws IOException {
        try (exchange) {
            int status = 200;
            String body;
            try {
                if ("GET".equals(exchange.getRequestMethod())) {
                    body = route.apply(exchange.getRequestURI());
                } else {
                    Failure refused = failure.apply(null);
                    status = 405;
                    body = refused.body();
                }
            } catch (RuntimeException e) {
                Failure failed = failure.apply(e);
                status = failed.status();
                body = failed.body();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The decoded parameters of a raw query string (the last of repeated names wins). */
    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
