package org.jouleboard.user.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import org.jouleboard.KaribuTest;
import org.jouleboard.TestUsers;
import org.jouleboard.user.ApiTokenInfo;
import org.jouleboard.user.ApiTokenService;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiTokensPanelTest extends KaribuTest {

    @Autowired
    UserService users;

    @Autowired
    ApiTokenService tokens;

    @Test
    void aUserMakesATokenSeesItOnceAndRevokesIt() {
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        login(me.username(), "USER");
        UI.getCurrent().navigate(AccountView.class);

        _get(TextField.class, spec -> spec.withId("token-name")).setValue("<b>nightly</b>");
        _click(_get(Button.class, spec -> spec.withId("create-token")));

        String shown = _get(TextField.class, spec -> spec.withId("new-token")).getValue();
        assertThat(shown).startsWith("jb_");
        assertThat(tokens.ownerOf(shown)).contains(me.username());
        @SuppressWarnings("unchecked")
        Grid<ApiTokenInfo> grid = _get(Grid.class, spec -> spec.withId("tokens"));
        assertThat(grid.getGenericDataView().getItems())
                .singleElement()
                .satisfies(t -> assertThat(t.name()).isEqualTo("<b>nightly</b>"));

        tokens.revoke(tokens.mine().getFirst().id());
        assertThat(tokens.ownerOf(shown)).isEmpty();
    }

    @Test
    void aNamelessTokenIsRefusedOnTheField() {
        UserAccount me = TestUsers.create(users, EnumSet.of(Role.USER));
        login(me.username(), "USER");
        UI.getCurrent().navigate(AccountView.class);

        _click(_get(Button.class, spec -> spec.withId("create-token")));

        TextField name = _get(TextField.class, spec -> spec.withId("token-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("name");
        assertThat(tokens.mine()).isEmpty();
    }
}
