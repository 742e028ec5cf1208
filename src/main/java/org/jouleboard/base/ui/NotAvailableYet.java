package org.jouleboard.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What an area that is not built yet honestly shows instead of invented content. */
public class NotAvailableYet extends VerticalLayout {

    public NotAvailableYet(String area, String whatItWillDo) {
        addClassName("not-available");
        add(new H2(area), new Paragraph("Not available yet. " + whatItWillDo));
    }
}
