package org.kyoo.transcoder.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * This instance among several behind one proxy: its name, as every answer's
 * {@value #HEADER} header, {@code /streams} and {@code /metrics} give it. {@code GOCODER_INSTANCE},
 * else {@code HOSTNAME} (a Kubernetes pod's name), else the machine's host name.
 */
public final class Instance {
    public static final String HEADER = "X-Transcoder-Instance";

    private Instance() {}

    public static String name(Map<String, String> env) {
        for (String variable : new String[] {"GOCODER_INSTANCE", "HOSTNAME"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) return value.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "transcoder";
        }
    }
}
