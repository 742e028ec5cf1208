package org.jouleboard.user.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.VaadinServletRequest;
import java.util.EnumSet;
import java.util.List;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.user.AccountLocks;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A generated password is changed before anything else; admins lift a lock on the Users page. */
class AccountViewTest extends KaribuTest {

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountLocks locks;

    @Test
    void aSessionWithAGeneratedPasswordIsSentToTheAccountPageUntilItIsChanged() {
        UserAccount first = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        jdbc.update("update app_user set password_change_required = true where id = ?", first.id());
        loginWithAuthorities(first.username(), "ROLE_USER", "ROLE_ADMIN", UserService.PASSWORD_CHANGE_REQUIRED);

        for (String route : List.of("", "admin/users", "leaderboard")) {
            UI.getCurrent().navigate(route);
            _get(AccountView.class);
            assertThat(_find(UsersView.class)).isEmpty();
        }
        assertThat(_get(Paragraph.class, spec -> spec.withId("password-change-required"))
                        .isVisible())
                .isTrue();

        _get(PasswordField.class, spec -> spec.withLabel("Current password")).setValue(TestUsers.PASSWORD);
        _get(PasswordField.class, spec -> spec.withLabel("New password")).setValue("my very own secret");
        _get(PasswordField.class, spec -> spec.withLabel("New password again")).setValue("my very own secret");
        _click(_get(Button.class, spec -> spec.withId("change-password")));

        assertThat(jdbc.queryForObject(
                        "select password_change_required from app_user where id = ?", Boolean.class, first.id()))
                .isFalse();
        UI.getCurrent().navigate("leaderboard");
        assertThat(activeViews()).contains("LeaderboardView");
    }

    @Test
    void anAdminSeesALockedAccountAndUnlocksIt() {
        UserAccount locked = TestUsers.create(users, EnumSet.of(Role.USER));
        for (int i = 0; i < 20; i++) {
            locks.recordWrongPassword(locked.username());
        }
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        UI.getCurrent().navigate(UsersView.class);

        @SuppressWarnings("unchecked")
        Grid<UserAccount> grid = _get(Grid.class);
        int row = rowOf(grid, locked.username());
        assertThat(GridKt._getFormattedRow(grid, row)).contains("active, locked after failed logins");
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(grid, row, "actions");
        Button unlock = (Button) actions.getChildren()
                .filter(c -> c.getId().orElse("").equals("unlock-" + locked.username()))
                .findFirst()
                .orElseThrow();
        _click(unlock);

        NotificationsKt.expectNotifications("Unlocked " + locked.username());
        assertThat(locks.isLocked(locked.username())).isFalse();
        assertThat(GridKt._getFormattedRow(grid, rowOf(grid, locked.username())))
                .contains("active");
    }

    private static int rowOf(Grid<UserAccount> grid, String username) {
        for (int i = 0; i < GridKt._size(grid); i++) {
            if (GridKt._get(grid, i).username().equals(username)) {
                return i;
            }
        }
        throw new AssertionError(username + " not in the grid");
    }

    private static void loginWithAuthorities(String username, String... authorities) {
        var token = UsernamePasswordAuthenticationToken.authenticated(
                username,
                null,
                java.util.Arrays.stream(authorities)
                        .map(SimpleGrantedAuthority::new)
                        .toList());
        SecurityContextHolder.getContext().setAuthentication(token);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(token);
        request.setUserInRole((principal, role) -> List.of(authorities).contains("ROLE_" + role));
    }
}
