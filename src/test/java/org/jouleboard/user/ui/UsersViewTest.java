package org.jouleboard.user.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class UsersViewTest extends KaribuTest {

    @Autowired
    UserService users;

    @Autowired
    AuthenticationManager authenticationManager;

    @Test
    void adminCreatesAUserWhoCanThenLogIn() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        UI.getCurrent().navigate(UsersView.class);

        _click(_get(Button.class, spec -> spec.withId("new-user")));
        _get(TextField.class, spec -> spec.withLabel("Username")).setValue("Dora");
        _get(TextField.class, spec -> spec.withLabel("Display name")).setValue("Dora Explorer");
        _get(PasswordField.class, spec -> spec.withLabel("Initial password")).setValue("a long enough secret");
        _click(_get(Button.class, spec -> spec.withId("create-user")));

        NotificationsKt.expectNotifications("Created Dora");
        @SuppressWarnings("unchecked")
        Grid<UserAccount> grid = _get(Grid.class);
        assertThat(grid.getGenericDataView().getItems())
                .anyMatch(u -> u.username().equals("dora") && u.displayName().equals("Dora Explorer"));

        Authentication dora = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("dora", "a long enough secret"));
        assertThat(dora.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_USER")
                .doesNotContain("ROLE_ADMIN");
    }

    @Test
    void invalidInputShowsAClearErrorAndCreatesNothing() {
        UserAccount admin = TestUsers.create(users, EnumSet.of(Role.USER, Role.ADMIN));
        login(admin.username(), "USER", "ADMIN");
        UI.getCurrent().navigate(UsersView.class);
        int before = users.listUsers().size();

        _click(_get(Button.class, spec -> spec.withId("new-user")));
        _get(TextField.class, spec -> spec.withLabel("Username")).setValue("eve");
        _get(PasswordField.class, spec -> spec.withLabel("Initial password")).setValue("short");
        _click(_get(Button.class, spec -> spec.withId("create-user")));

        // Said in the dialog, not in a toast that would outlive it.
        assertThat(NotificationsKt.getNotifications()).isEmpty();
        Paragraph error = _get(Paragraph.class, spec -> spec.withClasses("dialog-error"));
        assertThat(error.getText()).isEqualTo("A password needs at least 12 characters.");
        assertThat(users.listUsers()).hasSize(before);
        // The dialog stays open with what was typed, so nothing is lost.
        assertThat(_get(TextField.class, spec -> spec.withLabel("Username")).getValue())
                .isEqualTo("eve");

        // Closing the dialog leaves nothing behind about it.
        _click(_get(Button.class, spec -> spec.withText("Cancel")));
        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("dialog-error")))
                .isEmpty();
        assertThat(NotificationsKt.getNotifications()).isEmpty();
    }
}
