package org.jouleboard.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;

/** Vaadin 25 applies no theme by default; push carries live tokens and power samples to viewers. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
// Forms and tables of every page; once here, as a view-level sheet was seen not applied after navigating.
@StyleSheet("forms.css")
@PWA(
        name = "Jouleboard",
        shortName = "Jouleboard",
        offlineResources = {})
class AppShell implements AppShellConfigurator {}
