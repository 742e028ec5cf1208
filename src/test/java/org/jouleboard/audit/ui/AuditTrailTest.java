package org.jouleboard.audit.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jouleboard.AdminUiTest;
import org.jouleboard.TestUsers;
import org.jouleboard.audit.AuditEntry;
import org.jouleboard.audit.AuditFilter;
import org.jouleboard.audit.AuditKind;
import org.jouleboard.audit.AuditLog;
import org.jouleboard.host.HostDraft;
import org.jouleboard.host.HostDrafts;
import org.jouleboard.host.HostService;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.queue.QueueService;
import org.jouleboard.queue.QueuedRun;
import org.jouleboard.simulator.internal.FakeModel;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** What lands in the audit trail from the modules that record into it, and the admin page that shows it. */
class AuditTrailTest extends AdminUiTest {

    @Autowired
    AuditLog audit;

    @Autowired
    HostService hosts;

    @Autowired
    ModelCatalog catalog;

    @Autowired
    QueueService queue;

    @Autowired
    UserService users;

    @Test
    void hostAndModelChangesAreAuditedWithWhoMadeThem() {
        String host = "audit-" + UUID.randomUUID().toString().substring(0, 6);
        HostDraft draft =
                HostDrafts.simulated(host).baseline(Duration.ofMillis(700)).build();
        TestUsers.asAdmin(() -> hosts.add(draft));
        TestUsers.asAdmin(() -> hosts.update(host, draft));
        TestUsers.asAdmin(() -> hosts.remove(host));
        assertThat(lines(new AuditFilter(AuditKind.HOST, null, host)))
                .extracting(e -> e.actor() + ": " + e.detail().replaceAll(":.*", ""))
                .containsExactly("test-admin: deleted", "test-admin: updated", "test-admin: added");

        LAB.addModel(FakeModel.of("audited:1b", "completion"));
        TestUsers.asAdmin(() -> catalog.sync("lab"));
        long id = catalog.find("lab", "audited:1b").orElseThrow().id();
        TestUsers.asAdmin(() -> catalog.setEnabled(id, false));
        assertThat(lines(new AuditFilter(AuditKind.MODEL, null, "lab/audited:1b")))
                .extracting(AuditEntry::detail)
                .contains("disabled for users");
    }

    @Test
    void aRunCancelledBySomeoneElseIsAuditedNotOneCancelledByItsOwner() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 6);
        long own = System.nanoTime();
        long theirs = own + 1;
        TestUsers.asSystem(() -> {
            queue.enqueue(List.of(
                    new QueuedRun(own, "nowhere", owner, "m:1b"), new QueuedRun(theirs, "nowhere", owner, "m:1b")));
            return null;
        });
        as(owner, () -> queue.cancel(own));
        TestUsers.asAdmin(() -> queue.cancel(theirs));

        assertThat(lines(new AuditFilter(AuditKind.RUN_CANCELLED, owner, null)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("test-admin");
                    assertThat(e.detail()).startsWith("run " + theirs + " ");
                });
    }

    @Test
    void adminsReadTheTrailNewestFirstFilteredAndAsPlainText() {
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 6);
        audit.record(AuditKind.SIGN_IN_FAILED, null, tag, "192.0.2.1", "<img src=x onerror=alert(1)> first");
        audit.record(AuditKind.HOST, "someone", tag, "192.0.2.2", "second");
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        UI.getCurrent().navigate(AuditView.class);
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).contains("Audit");

        _get(TextField.class, spec -> spec.withId("audit-text")).setValue(tag);
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = _get(Grid.class, spec -> spec.withId("audit"));
        assertThat(GridKt._fetch(grid, 0, 10))
                .extracting(AuditEntry::detail)
                .containsExactly("second", "<img src=x onerror=alert(1)> first");
        // A column renders text: the markup arrives as characters, not as an element.
        assertThat(GridKt._getFormattedRow(grid, 1))
                .contains("<img src=x onerror=alert(1)> first", "192.0.2.1", "anonymous", "Sign in failed");

        @SuppressWarnings("unchecked")
        ComboBox<AuditKind> kind = _get(ComboBox.class, spec -> spec.withId("audit-kind"));
        kind.setValue(AuditKind.HOST);
        assertThat(GridKt._fetch(grid, 0, 10)).extracting(AuditEntry::detail).containsExactly("second");
        kind.clear();
        _get(TextField.class, spec -> spec.withId("audit-user")).setValue("SOMEONE");
        assertThat(GridKt._fetch(grid, 0, 10))
                .extracting(AuditEntry::subject)
                .contains(tag)
                .hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void onlyAdminsReadTheTrail() {
        UserAccount user = TestUsers.create(users, EnumSet.of(Role.USER));
        login(user.username(), "USER");
        assertThatThrownBy(() -> audit.find(AuditFilter.ALL, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> UI.getCurrent().navigate(AuditView.class)).hasMessageContaining("Access is denied");
    }

    private List<AuditEntry> lines(AuditFilter filter) {
        return TestUsers.asAdmin(() -> audit.find(filter, 0, 50));
    }

    private static <T> T as(String username, java.util.function.Supplier<T> action) {
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        null,
                        List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_USER"))));
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }
}
