package org.bizhall.persistence.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service-password hasher of this node, configured by {@code org.bizhall.security} (never by the database):
 * <ul>
 * <li>{@code servicePassword.pepper}: Base64 of at least 32 random bytes, the pepper of new hashes;</li>
 * <li>{@code servicePassword.previousPeppers}: comma-separated earlier peppers whose hashes still verify (and are
 * replaced on the next right password) after a rotation;</li>
 * <li>{@code servicePassword.iterations}: the PBKDF2 cost of new hashes, at least 600,000 (the default).</li>
 * </ul>
 * When a Karaf node starts with no pepper configured, it writes a new random one into
 * {@code etc/org.bizhall.security.cfg} (readable by the owner only) and uses it at once; configuration admin then
 * delivers the same value from that file. Nodes sharing a database must share the file. Internal to this bundle.
 */
@Component(service = ServicePasswordHashing.class, configurationPid = ServicePasswordHashing.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ServicePasswordHashing {
    static final String PID = "org.bizhall.security";
    static final String PEPPER = "servicePassword.pepper";
    static final String PREVIOUS_PEPPERS = "servicePassword.previousPeppers";
    static final String ITERATIONS = "servicePassword.iterations";
    private static final Logger LOG = LoggerFactory.getLogger(ServicePasswordHashing.class);

    private volatile PasswordHasher hasher;

    public ServicePasswordHashing() {
    }

    /** A hashing of a given hasher (tests). */
    ServicePasswordHashing(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        String pepper = text(config.get(PEPPER));
        if (pepper.isEmpty()) {
            pepper = generatePepperFile(etcFolder());
        }
        List<PasswordHasher.Pepper> previous = new ArrayList<>();
        for (String old : text(config.get(PREVIOUS_PEPPERS)).split(",")) {
            if (!old.isBlank()) {
                previous.add(PasswordHasher.Pepper.parse(old));
            }
        }
        String cost = text(config.get(ITERATIONS));
        int iterations = cost.isEmpty() ? PasswordHasher.OWASP_ITERATIONS : Integer.parseInt(cost);
        PasswordHasher next = new PasswordHasher(PasswordHasher.Pepper.parse(pepper), previous, iterations);
        PasswordHasher before = hasher;
        hasher = next;
        if (before == null || !before.pepperIds().equals(next.pepperIds()) || before.iterations() != next.iterations()) {
            LOG.info("Service passwords: PBKDF2-HMAC-SHA256 at {} iterations, pepper {} (verifies peppers {})",
                    next.iterations(), next.currentPepperId(), next.pepperIds());
        }
    }

    PasswordHasher hasher() {
        PasswordHasher h = hasher;
        if (h == null) {
            throw new IllegalStateException("service-password hashing is not configured");
        }
        return h;
    }

    private static Path etcFolder() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null || etc.isBlank()) {
            throw new IllegalStateException("no " + PEPPER + " in configuration " + PID
                    + " and no karaf.etc folder to keep a new one in");
        }
        return Path.of(etc);
    }

    /**
     * Writes a new pepper into {@code etc/org.bizhall.security.cfg} and answers it. A file that exists already (an
     * admin's, without a pepper) gets the pepper appended, so its other settings stay.
     */
    static String generatePepperFile(Path etc) {
        String pepper = PasswordHasher.Pepper.generate();
        Path file = etc.resolve(PID + ".cfg");
        String entry = "# The pepper of service-password hashes, generated at the first start. It never goes into the\n"
                + "# database. Every node sharing the database needs this same file; without it no stored service\n"
                + "# password can be checked (holders would reset theirs with their ID). Keep a copy with the backups.\n"
                + PEPPER + " = " + pepper + "\n";
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.warn("Generated the service-password pepper in {}: copy this file to every node sharing the database",
                    file);
        } catch (FileAlreadyExistsException e) {
            try {
                Files.writeString(file, "\n" + entry, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                LOG.warn("Added a new service-password pepper to {}", file);
            } catch (IOException io) {
                throw new IllegalStateException("cannot write the service-password pepper into " + file, io);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the service-password pepper into " + file, e);
        }
        return pepper;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
