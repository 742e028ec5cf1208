package org.jouleboard.user.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.jouleboard.user.ApiTokenService;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserException;
import org.jouleboard.user.UserService;

/** Every user changes their own password here (the current one is required) and manages API tokens. */
@Route("account")
@PageTitle("My account | Jouleboard")
@PermitAll
class AccountView extends VerticalLayout {

    private final Paragraph mustChange = new Paragraph("This account still has a generated password, which was"
            + " written to the server's log. Choose a new one before using Jouleboard.");

    public AccountView(UserService users, ApiTokenService tokens) {
        UserAccount me = users.me();
        PasswordField current = new PasswordField("Current password");
        PasswordField next = new PasswordField("New password");
        next.setHelperText("At least 12 characters, at most 72 bytes (bcrypt's limit).");
        PasswordField repeat = new PasswordField("New password again");
        Button change = new Button("Change password", e -> {
            try {
                if (!next.getValue().equals(repeat.getValue())) {
                    throw new UserException("The two new passwords differ.");
                }
                users.changeOwnPassword(current.getValue(), next.getValue());
                current.clear();
                next.clear();
                repeat.clear();
                Notification.show("Password changed. Your other sessions were signed out.")
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                if (mustChange.isVisible()) {
                    mustChange.setVisible(false);
                    getUI().ifPresent(ui -> ui.navigate(""));
                }
            } catch (UserException ex) {
                Notification.show(ex.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mustChange.setId("password-change-required");
        mustChange.setVisible(me.passwordChangeRequired() || PasswordChangeRoute.required());
        FormLayout form = new FormLayout(current, next, repeat);
        form.setMaxWidth("32em");
        add(
                new H2("My account"),
                new Paragraph(me.displayName() + " (" + me.username() + "), roles: " + me.roles()),
                mustChange,
                new H3("Change password"),
                form,
                change,
                new ApiTokensPanel(tokens));
    }
}
