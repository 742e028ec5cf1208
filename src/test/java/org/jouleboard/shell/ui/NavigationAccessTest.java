package org.jouleboard.shell.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.base.ui.PowerChart;
import org.jouleboard.security.ui.LoginView;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NavigationAccessTest extends KaribuTest {

    @Autowired
    UserService users;

    @Test
    void anonymousVisitorIsSentToLogin() {
        UI.getCurrent().navigate("");
        _get(LoginView.class);
        assertThat(activeViews()).doesNotContain("LiveView");
    }

    @Test
    void userSeesLiveWithAPowerChartAndNoAdminEntries() {
        UserAccount alice = TestUsers.create(users, EnumSet.of(Role.USER));
        login(alice.username(), "USER");
        UI.getCurrent().navigate("");
        assertThat(activeViews()).contains("LiveView");
        _get(MainLayout.class);
        assertThat(_find(PowerChart.class)).as("a chart per configured host").isNotEmpty();
        List<String> entries =
                _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
        assertThat(entries)
                .contains("Live", "New experiment", "My experiments", "Leaderboard")
                .doesNotContain("Users", "GPU hosts", "Models", "Queue", "Admin");
    }

    @Test
    void userCannotOpenAdminViews() {
        UserAccount bob = TestUsers.create(users, EnumSet.of(Role.USER));
        login(bob.username(), "USER");
        for (String route : List.of("admin/users", "admin/hosts", "admin/models", "admin/queue")) {
            assertThatThrownBy(() -> UI.getCurrent().navigate(route))
                    .as(route)
                    .hasMessageContaining("Access is denied");
            assertThat(activeViews())
                    .as(route)
                    .doesNotContain("UsersView", "HostsView", "ModelsView", "QueueAdminView");
        }
    }

    @Test
    void adminSeesAdminEntriesAndViews() {
        UserAccount carol = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(carol.username(), "USER", "ADMIN");
        UI.getCurrent().navigate("admin/hosts");
        assertThat(activeViews()).contains("HostsView");
        List<String> entries =
                _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
        assertThat(entries).contains("Models", "GPU hosts", "Queue", "Users");
    }
}
