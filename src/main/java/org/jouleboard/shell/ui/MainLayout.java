package org.jouleboard.shell.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme.Value;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.jouleboard.user.ColorScheme;
import org.jouleboard.user.UserAccount;
import org.jouleboard.user.UserService;

/** The frame of every page: navigation, who is signed in, light or dark, account and log out (on a phone too). */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private final transient AuthenticationContext authentication;
    private final transient UserService users;
    private final Button schemeToggle = new Button();
    private final Span schemeLabel = new Span();
    private ColorScheme scheme = ColorScheme.LIGHT;

    public MainLayout(AuthenticationContext authentication, UserService users) {
        this.authentication = authentication;
        this.users = users;
        Span title = new Span("Jouleboard");
        title.addClassName("app-title");
        addToNavbar(new DrawerToggle(), title, header());
        addToDrawer(navigation());
        setPrimarySection(Section.DRAWER);
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addItem(
                new SideNavItem("Live", "", VaadinIcon.BOLT.create()),
                new SideNavItem("New experiment", "experiments/new", VaadinIcon.PLUS_CIRCLE_O.create()),
                new SideNavItem("My experiments", "experiments", VaadinIcon.LIST.create()),
                new SideNavItem("Leaderboard", "leaderboard", VaadinIcon.TROPHY.create()),
                new SideNavItem("Compare answers", "votes", VaadinIcon.SCALE.create()));
        if (authentication.hasRole("ADMIN")) {
            SideNavItem admin = new SideNavItem("Admin");
            admin.setExpanded(true);
            admin.addItem(
                    new SideNavItem("Models", "admin/models", VaadinIcon.CUBES.create()),
                    new SideNavItem("GPU hosts", "admin/hosts", VaadinIcon.SERVER.create()),
                    new SideNavItem("Queue", "admin/queue", VaadinIcon.TIME_FORWARD.create()),
                    new SideNavItem("Users", "admin/users", VaadinIcon.USERS.create()),
                    new SideNavItem("Audit", "admin/audit", VaadinIcon.RECORDS.create()));
            nav.addItem(admin);
        }
        return nav;
    }

    private HorizontalLayout header() {
        Span who = new Span(authentication.getPrincipalName().orElse(""));
        who.addClassName("current-user");
        schemeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        schemeToggle.setAriaLabel("Toggle light or dark");
        schemeToggle.addClickListener(
                e -> applyScheme(scheme == ColorScheme.DARK ? ColorScheme.LIGHT : ColorScheme.DARK, true));
        schemeToggle.getElement().appendChild(optionalLabel(schemeLabel).getElement());
        // On a phone these two show their icons only (layout.css): "Log out" keeps its words and stays on screen.
        Button account = new Button(VaadinIcon.USER.create(), e -> getUI().ifPresent(ui -> ui.navigate("account")));
        account.getElement().appendChild(optionalLabel(new Span("My account")).getElement());
        account.setAriaLabel("My account");
        account.setTooltipText("My account");
        account.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClassName("logout");
        HorizontalLayout header = new HorizontalLayout(who, schemeToggle, account, logout);
        header.setAlignItems(Alignment.CENTER);
        header.addClassName("header-actions");
        return header;
    }

    private static Span optionalLabel(Span label) {
        label.addClassName("header-label");
        return label;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UserAccount me = users.me();
        applyScheme(me.colorScheme(), false);
    }

    private void applyScheme(ColorScheme next, boolean remember) {
        scheme = next;
        getUI().ifPresent(ui -> ui.getPage().setColorScheme(next == ColorScheme.DARK ? Value.DARK : Value.LIGHT));
        schemeToggle.setIcon(next == ColorScheme.DARK ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        schemeLabel.setText(next == ColorScheme.DARK ? "Light" : "Dark");
        if (remember) {
            users.setOwnColorScheme(next);
        }
    }
}
