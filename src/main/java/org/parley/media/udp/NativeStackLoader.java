package org.parley.media.udp;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the native stack at most once per process, from the classes built for Java 22+. */
final class NativeStackLoader {
    private static final Logger log = LoggerFactory.getLogger(UdpStack.class);
    /** In {@code src/main/java22}: compiled for Java 22, so it is only loaded on a Java 22+ runtime. */
    private static final String CLASS = "org.parley.media.udp.LinuxUdpStack";
    private static UdpStack loaded;
    private static String reason;
    private static boolean tried;
    private static boolean logged;

    private NativeStackLoader() {
    }

    static synchronized Optional<UdpStack> load() {
        if (!tried) {
            tried = true;
            reason = unsupportedPlatform();
            if (reason == null) {
                try {
                    // The one reflective call in Parley: this class cannot name a class that a Java 21
                    // compiler does not see (it is compiled in a second pass, for Java 22).
                    loaded = (UdpStack) Class.forName(CLASS).getMethod("load").invoke(null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    reason = String.valueOf(e.getCause().getMessage());
                } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                    reason = e.toString();
                }
            }
        }
        return Optional.ofNullable(loaded);
    }

    static synchronized String unavailableReason() {
        load();
        return reason;
    }

    static synchronized void logFallbackOnce() {
        if (!logged) {
            logged = true;
            log.info("UDP: using java.nio (one system call per datagram); the linux stack is unavailable: {}", reason);
        }
    }

    private static String unsupportedPlatform() {
        if (Runtime.version().feature() < 22) {
            return "it needs Java 22 or newer (the FFM API), this is Java " + Runtime.version().feature();
        }
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "it needs Linux, this is " + os;
        }
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) {
            return "it knows the structure layouts of x86-64 and aarch64 only, this is " + arch;
        }
        return null;
    }
}
