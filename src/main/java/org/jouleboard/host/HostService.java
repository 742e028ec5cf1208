package org.jouleboard.host;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.base.Caller;
import org.jouleboard.simulator.SimulatedOllama;
import org.jouleboard.user.Role;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The GPU hosts: those declared in configuration ({@code jouleboard.hosts}, read-only here) followed by those
 * admins added in the browser. A change is announced as {@link HostChanged}, so power samplers and workers
 * follow without a restart. A simulated host gets the in-process fake Ollama's URL, which starts on first use.
 */
@Service
public class HostService {

    private static final Logger log = LoggerFactory.getLogger(HostService.class);

    private final HostProperties properties;
    private final SimulatedOllama simulatedOllama;
    private final StoredHostRepository stored;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<HostUsage> usage;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final NvmlLibraries nvmlLibraries;
    private volatile @Nullable List<GpuHost> hosts;

    HostService(
            HostProperties properties,
            SimulatedOllama simulatedOllama,
            StoredHostRepository stored,
            ApplicationEventPublisher events,
            ObjectProvider<HostUsage> usage,
            Clock clock,
            TransactionTemplate tx,
            AuditLog audit,
            NvmlLibraries nvmlLibraries) {
        this.properties = properties;
        this.simulatedOllama = simulatedOllama;
        this.stored = stored;
        this.events = events;
        this.usage = usage;
        this.clock = clock;
        this.tx = tx;
        this.audit = audit;
        this.nvmlLibraries = nvmlLibraries;
        validate(properties);
    }

    /** All hosts in use: configured ones in configuration order, then admin-added ones by name. */
    @PermitAll
    public List<GpuHost> hosts() {
        List<GpuHost> resolved = hosts;
        if (resolved == null) {
            synchronized (this) {
                if (hosts == null) {
                    hosts = resolve();
                }
                resolved = hosts;
            }
        }
        return resolved;
    }

    @PermitAll
    public Optional<GpuHost> find(String name) {
        return hosts().stream().filter(host -> host.name().equals(name)).findFirst();
    }

    /** @throws HostException when no host has that name */
    @PermitAll
    public GpuHost require(String name) {
        return find(name).orElseThrow(() -> new HostException("There is no GPU host named '" + name + "'."));
    }

    /** An admin-added host as it was typed in, for editing. */
    @RolesAllowed(Role.ADMIN_NAME)
    public HostDraft draft(String name) {
        return active(name).toDraft();
    }

    /** The NVML libraries an admin may choose in the browser (see {@code jouleboard.nvml.library-dirs}). */
    @RolesAllowed(Role.ADMIN_NAME)
    public List<String> nvmlLibraries() {
        return nvmlLibraries.available();
    }

    /** Names of retired hosts: their runs keep the name, so it cannot be used again. */
    @RolesAllowed(Role.ADMIN_NAME)
    public List<String> retired() {
        return stored.findByRetiredAtIsNotNullOrderByName().stream()
                .map(StoredHost::name)
                .toList();
    }

    /** Everything wrong with a draft, including a name already taken; empty when it can be saved. */
    @RolesAllowed(Role.ADMIN_NAME)
    public List<HostDraft.Problem> problems(HostDraft draft, boolean adding) {
        List<HostDraft.Problem> problems = new ArrayList<>(draft.problems());
        if (draft.source() == HostProperties.PowerSourceKind.NVML
                && draft.nvmlLibrary() != null
                && !draft.nvmlLibrary().isBlank()
                && !nvmlLibraries.available().contains(draft.nvmlLibrary().strip())
                && problems.stream().noneMatch(p -> p.field().equals("nvmlLibrary"))) {
            problems.add(new HostDraft.Problem(
                    "nvmlLibrary",
                    "Choose one of the NVML libraries found in "
                            + nvmlLibraries.dirs() + " (jouleboard.nvml.library-dirs), or leave empty for the system's;"
                            + " any other library is set in the configuration file only."));
        }
        if (adding && draft.name() != null && nameTaken(draft.name())) {
            problems.add(new HostDraft.Problem(
                    "name",
                    "The name '" + draft.name() + "' is taken (by a host in use or"
                            + " a retired one whose runs keep it); choose another."));
        }
        return problems;
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public synchronized GpuHost add(HostDraft draft) {
        List<HostDraft.Problem> problems = problems(draft, true);
        if (!problems.isEmpty()) {
            throw new HostException(problems);
        }
        StoredHost host = new StoredHost(draft, adminName(), clock.instant());
        stored.save(host);
        audit.record(AuditKind.HOST, host.name(), "added: " + summary(draft));
        changed(host.name(), HostChanged.Change.ADDED);
        return require(host.name());
    }

    /**
     * Saves every field but the name. The worker takes the new settings from the next run; a change of power
     * settings restarts the host's sampler, so it is refused while a run is being measured, and a host with runs
     * never switches between real and SIMULATED (its runs' labels were fixed when they were submitted).
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public synchronized GpuHost update(String name, HostDraft draft) {
        StoredHost host = active(name);
        HostDraft renamedBack = new HostDraft(
                name,
                draft.ollamaUrl(),
                draft.source(),
                draft.nvmlLibrary(),
                draft.gpus(),
                draft.zeusdUrl(),
                draft.dcgmUrl(),
                draft.sampleInterval(),
                draft.baseline(),
                draft.cooldown(),
                draft.notes());
        List<HostDraft.Problem> problems = problems(renamedBack, false);
        if (!problems.isEmpty()) {
            throw new HostException(problems);
        }
        StoredHost before = host;
        StoredHost after = new StoredHost(renamedBack, "-", clock.instant());
        HostUsage runs = usage.getObject();
        if (before.simulated() != after.simulated() && runs.hasHistory(name)) {
            throw new HostException("Host '" + name + "' has runs labelled "
                    + (before.simulated() ? "SIMULATED" : "real") + "; it cannot become "
                    + (after.simulated() ? "simulated" : "real") + ". Add a new host instead.");
        }
        if ((before.simulated() != after.simulated() || !before.power().equals(after.power()))
                && runs.measuring(name)) {
            throw new HostException("A run is being measured on host '" + name + "': change its power settings once"
                    + " it has ended (pause the host's queue first).");
        }
        host.apply(renamedBack, clock.instant());
        stored.save(host);
        audit.record(AuditKind.HOST, name, "updated: " + summary(renamedBack));
        changed(name, HostChanged.Change.UPDATED);
        return require(name);
    }

    /**
     * Takes an admin-added host out of use: retired when runs refer to it (they keep its name), deleted when
     * none ever did. Refused while runs wait or run on it. The host's row stays locked while its runs are
     * counted, so a submission to it either commits first (and is counted) or finds the host gone.
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public synchronized Removal remove(String name) {
        active(name);
        Removal removal = tx.execute(status -> {
            StoredHost host = stored.lockByName(name)
                    .filter(h -> !h.retired())
                    .orElseThrow(() -> new HostException("There is no GPU host named '" + name + "'."));
            HostUsage runs = usage.getObject();
            long active = runs.activeRuns(name);
            if (active > 0) {
                throw new HostException("Host '" + name + "' has " + active + " waiting or running run(s): cancel"
                        + " them on the Queue page or let them finish, then remove the host.");
            }
            if (runs.hasHistory(name)) {
                host.retire(clock.instant());
                return Removal.RETIRED;
            }
            stored.delete(host);
            return Removal.DELETED;
        });
        changed(name, HostChanged.Change.REMOVED);
        audit.record(AuditKind.HOST, name, removal == Removal.RETIRED ? "retired (its runs keep the name)" : "deleted");
        log.info("Host {} {} by {}", name, removal == Removal.RETIRED ? "retired" : "deleted", adminName());
        return removal;
    }

    /**
     * For a submission, inside its transaction: holds the host's row until the submission commits, so the host
     * cannot be removed in between (see {@link #remove}).
     *
     * @throws HostException when the host is gone
     */
    @PermitAll
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdForSubmission(String name) {
        if (properties.hosts().stream().anyMatch(host -> host.name().equals(name))) {
            return;
        }
        stored.lockByName(name)
                .filter(h -> !h.retired())
                .orElseThrow(() -> new HostException("The GPU host '" + name + "' was removed."));
    }

    public enum Removal {
        RETIRED,
        DELETED
    }

    /** What an admin set, for the audit trail (notes are left out: they are long and not about access). */
    private static String summary(HostDraft draft) {
        return "Ollama " + draft.ollamaUrl() + ", power " + draft.source();
    }

    /** Replaces the list before telling anyone: readers never wait for this lock once the app has started. */
    private void changed(String name, HostChanged.Change change) {
        hosts = resolve();
        events.publishEvent(new HostChanged(name, change));
    }

    /** The admin calling add or remove: their @RolesAllowed lets no one else in. */
    private static String adminName() {
        return Objects.requireNonNull(Caller.current(), "only a logged-in admin gets here")
                .getName();
    }

    private StoredHost active(String name) {
        if (properties.hosts().stream().anyMatch(host -> host.name().equals(name))) {
            throw new HostException("Host '" + name + "' is managed by configuration (jouleboard.hosts in"
                    + " config/application.yml); change it there.");
        }
        return stored.findByName(name)
                .filter(host -> !host.retired())
                .orElseThrow(() -> new HostException("There is no GPU host named '" + name + "'."));
    }

    private boolean nameTaken(String name) {
        return properties.hosts().stream().anyMatch(host -> host.name().equalsIgnoreCase(name))
                || stored.findAll().stream().anyMatch(host -> host.name().equalsIgnoreCase(name));
    }

    private List<GpuHost> resolve() {
        List<GpuHost> resolved = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (HostProperties.Host host : properties.hosts()) {
            names.add(host.name());
            resolved.add(new GpuHost(
                    host.name(),
                    host.simulated()
                            ? simulatedOllama.baseUrl()
                            : Objects.requireNonNull(host.ollamaUrl(), "validate() requires it"),
                    host.simulated(),
                    host.power(),
                    host.baseline(),
                    host.cooldown(),
                    host.notes(),
                    true));
        }
        for (StoredHost host : stored.findByRetiredAtIsNullOrderByName()) {
            if (!names.add(host.name())) {
                log.warn(
                        "Host {} is declared in configuration and was also added in the browser; the configured"
                                + " one is used",
                        host.name());
                continue;
            }
            resolved.add(host.toHost(simulatedOllama::baseUrl));
        }
        return List.copyOf(resolved);
    }

    /** Fails the start with a clear message rather than failing later in a run. */
    private static void validate(HostProperties properties) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.hosts().size(); i++) {
            HostProperties.Host host = properties.hosts().get(i);
            String where = "jouleboard.hosts[" + i + "]";
            if (host.name() == null || host.name().isBlank()) {
                throw new HostException(where + ".name is missing: every GPU host needs a unique name.");
            }
            if (!names.add(host.name())) {
                throw new HostException(
                        where + ".name '" + host.name() + "' is used twice; host names must be unique.");
            }
            if (!host.simulated() && host.ollamaUrl() == null) {
                throw new HostException(
                        where + ".ollama-url is missing for host '" + host.name() + "' (e.g. http://localhost:11434).");
            }
            if (!host.simulated() && host.power().source() == HostProperties.PowerSourceKind.SIMULATED) {
                throw new HostException(where + ".power.source is simulated but the host is not (simulated: true):"
                        + " a real Ollama's runs must not get simulated energy.");
            }
        }
    }
}
