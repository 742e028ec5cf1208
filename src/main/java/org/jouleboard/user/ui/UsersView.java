package org.jouleboard.user.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jouleboard.user.Role;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserException;
import org.jouleboard.user.UserService;

/** Admins list accounts, create them, enable/disable them, reset passwords and change roles. */
@Route("admin/users")
@PageTitle("Users | Jouleboard")
@RolesAllowed(Role.ADMIN_NAME)
class UsersView extends VerticalLayout {

    private final transient UserService users;
    private final Grid<UserAccount> grid = new Grid<>();
    /** A refused action from the table (not a toast: it would outlive what it is about). */
    private final Paragraph pageError = new Paragraph();

    public UsersView(UserService users) {
        this.users = users;
        setSizeFull();
        Button create = new Button("New user", e -> openCreateDialog());
        create.setId("new-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // Names and roles wrap on a phone instead of being cut; the table scrolls sideways for the actions.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("readable-cells");
        grid.addColumn(UserAccount::username)
                .setHeader("Username")
                .setSortable(true)
                .setWidth("8em");
        grid.addColumn(UserAccount::displayName).setHeader("Display name").setWidth("9em");
        grid.addColumn(u -> u.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", ")))
                .setHeader("Roles")
                .setWidth("7em");
        grid.addColumn(this::status).setHeader("Status").setKey("status").setWidth("8em");
        grid.addComponentColumn(this::actions)
                .setHeader("Actions")
                .setKey("actions")
                .setAutoWidth(true);
        pageError.setId("users-error");
        pageError.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new H2("Users"), create, pageError, grid);
        refresh();
    }

    private HorizontalLayout actions(UserAccount user) {
        Button toggle = new Button(
                user.enabled() ? "Disable" : "Enable",
                e -> act(
                        () -> users.setEnabled(user.id(), !user.enabled()),
                        (user.enabled() ? "Disabled " : "Enabled ") + user.username(),
                        pageError));
        Button roles = new Button("Roles", e -> openRolesDialog(user));
        Button reset = new Button("Reset password", e -> openResetDialog(user));
        for (Button b : new Button[] {toggle, roles, reset}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        HorizontalLayout actions = new HorizontalLayout(toggle, roles, reset);
        if (users.isLocked(user.id())) {
            Button unlock = new Button(
                    "Unlock", e -> act(() -> users.unlock(user.id()), "Unlocked " + user.username(), pageError));
            unlock.setId("unlock-" + user.username());
            unlock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.addComponentAsFirst(unlock);
        }
        return actions;
    }

    private String status(UserAccount user) {
        String status = user.enabled() ? "active" : "disabled";
        return users.isLocked(user.id()) ? status + ", locked after failed logins" : status;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("Username");
        TextField displayName = new TextField("Display name");
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least 12 characters. Share it privately; the user can change it.");
        CheckboxGroup<Role> roles = rolesField(EnumSet.of(Role.USER));
        Paragraph error = dialogError();
        dialog.add(new FormLayout(username, displayName, password, roles), error);
        Button save = new Button("Create", e -> {
            if (act(
                    () -> users.createUser(
                            username.getValue(), displayName.getValue(), password.getValue(), roles.getValue()),
                    "Created " + username.getValue().strip(),
                    error)) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("create-user");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openRolesDialog(UserAccount user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Roles of " + user.username());
        CheckboxGroup<Role> roles = rolesField(user.roles());
        Paragraph error = dialogError();
        dialog.add(roles, error);
        Button save = new Button("Save", e -> {
            if (act(
                    () -> users.changeRoles(user.id(), roles.getValue()),
                    "Changed roles of " + user.username(),
                    error)) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openResetDialog(UserAccount user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New password for " + user.username());
        PasswordField password = new PasswordField("New password");
        Paragraph error = dialogError();
        dialog.add(password, error);
        Button save = new Button("Reset", e -> {
            if (act(
                    () -> users.resetPassword(user.id(), password.getValue()),
                    "Password reset for " + user.username(),
                    error)) {
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private static CheckboxGroup<Role> rolesField(Set<Role> selected) {
        CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles");
        roles.setItems(Role.values());
        roles.setValue(selected);
        return roles;
    }

    /** Where a dialog says why it was refused; it goes away with the dialog, unlike a toast. */
    private static Paragraph dialogError() {
        Paragraph error = new Paragraph();
        error.addClassName("dialog-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        return error;
    }

    /** Runs the action; a refusal is shown in {@code errorTarget} (the dialog's or the page's), success briefly. */
    private boolean act(Runnable action, String success, Paragraph errorTarget) {
        try {
            action.run();
            errorTarget.setText("");
            pageError.setText("");
            Notification.show(success).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            return true;
        } catch (UserException e) {
            errorTarget.setText(e.getMessage());
            return false;
        }
    }

    private void refresh() {
        grid.setItems(users.listUsers());
    }
}
