package com.mindflow.events.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a query string an {@link ApiRequestRecord} may keep: the one rule for whoever writes the record (api-gateway,
 * or a service exposed without it). Only parameters known to shape a page or a period ({@link #KEPT}: paging,
 * sorting, dates, a mode) are kept, decoded, several values of one name joined by {@code ,}, each value at most 500
 * characters. Every other parameter is left out altogether, name included: search text, tags, tag prefixes and moods
 * are journal content, and a list of what to leave out would fail open on the next filter someone adds. A parameter
 * that looks like a secret (a token, password, code, key, signature, session, state) is kept by name only, its value
 * masked as {@value #MASK}, so a client that puts credentials into URLs can be found.
 */
public final class ApiRequestQuery {

    public static final String MASK = "***";

    private static final int MAX_VALUE = 500;
    /** Parameters that carry no journal content: they choose a page, an order or a period. */
    static final Set<String> KEPT = Set.of("page", "size", "limit", "offset", "cursor", "sort", "order", "direction",
            "from", "to", "before", "after", "since", "until", "days", "year", "month", "week", "type", "mode");
    private static final Set<String> SENSITIVE_NAMES = Set.of("code", "key", "apikey", "api_key", "signature",
            "sig", "session", "sessionid", "jsessionid", "state");
    private static final Set<String> SENSITIVE_PARTS = Set.of("token", "password", "passwd", "secret", "credential",
            "auth");

    private ApiRequestQuery() {
    }

    /** The raw (still encoded) query string's parameters as they may be stored; empty for none. */
    public static Map<String, String> sanitize(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.isEmpty() || dropped(name)) {
                continue;
            }
            String value = sensitive(name) ? MASK : decode(equals < 0 ? "" : pair.substring(equals + 1));
            query.merge(name, truncate(value), (first, next) -> first.equals(MASK) ? first
                    : truncate(first + "," + next));
        }
        return query;
    }

    /** Whether the parameter is left out of the record, name and value (all but {@link #KEPT} and secrets). */
    public static boolean dropped(String name) {
        return !KEPT.contains(name.toLowerCase(Locale.ROOT)) && !sensitive(name);
    }

    /** Whether the parameter's value is masked. */
    public static boolean sensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_NAMES.contains(lower) || SENSITIVE_PARTS.stream().anyMatch(lower::contains);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return encoded;
        }
    }

    private static String truncate(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
