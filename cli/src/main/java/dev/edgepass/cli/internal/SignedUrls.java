package dev.edgepass.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and rewrites the CloudFront parameters of a signed URL. */
final class SignedUrls {

    /** The signing parameter names, in the order edgepass and the AWS SDK write them. */
    static final List<String> NAMES = List.of("Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm");

    private SignedUrls() {}

    /** Returns the signing parameters of {@code url}, the first of each name, in URL order. */
    static Map<String, String> signingParameters(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = query(url);
        if (query == null) {
            return params;
        }
        for (String param : query.split("&", -1)) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (NAMES.contains(name)) {
                params.putIfAbsent(name, eq < 0 ? "" : param.substring(eq + 1));
            }
        }
        return params;
    }

    /** Returns {@code url} without its signing parameters and fragment: what a policy's Resource is matched against. */
    static String unsigned(String url) {
        String u = withoutFragment(url);
        int q = u.indexOf('?');
        if (q < 0) {
            return u;
        }
        StringBuilder out = new StringBuilder(u.length()).append(u, 0, q);
        boolean first = true;
        for (String param : u.substring(q + 1).split("&", -1)) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!NAMES.contains(name)) {
                out.append(first ? '?' : '&').append(param);
                first = false;
            }
        }
        return out.toString();
    }

    /** Returns {@code url} with parameter {@code name} set to {@code value}, or removed when {@code value} is null. */
    static String withParameter(String url, String name, String value) {
        String u = withoutFragment(url);
        int q = u.indexOf('?');
        StringBuilder out = new StringBuilder(u.length() + 32).append(q < 0 ? u : u.substring(0, q));
        boolean first = true;
        boolean replaced = false;
        if (q >= 0) {
            for (String param : u.substring(q + 1).split("&", -1)) {
                int eq = param.indexOf('=');
                String n = eq < 0 ? param : param.substring(0, eq);
                String p = param;
                if (n.equals(name)) {
                    if (value == null || replaced) {
                        continue;
                    }
                    p = name + "=" + value;
                    replaced = true;
                }
                out.append(first ? '?' : '&').append(p);
                first = false;
            }
        }
        if (!replaced && value != null) {
            out.append(first ? '?' : '&').append(name).append('=').append(value);
        }
        return out.toString();
    }

    private static String query(String url) {
        String u = withoutFragment(url);
        int q = u.indexOf('?');
        return q < 0 ? null : u.substring(q + 1);
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
