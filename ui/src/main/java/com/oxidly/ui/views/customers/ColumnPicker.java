package com.oxidly.ui.views.customers;

import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.server.VaadinSession;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A "Columns" menu with a checkable item per grid column that shows or hides it. The hidden columns
 * are remembered in the session, so the list looks the same when the marketer comes back to it.
 */
final class ColumnPicker extends MenuBar {

  static final String TITLE = "Columns";

  /** Session attribute holding the keys of hidden columns. */
  static final String HIDDEN = ColumnPicker.class.getName() + ".hidden";

  final Map<String, MenuItem> items = new LinkedHashMap<>();

  ColumnPicker(Grid<?> grid, Set<String> hiddenByDefault) {
    addThemeVariants(MenuBarVariant.TERTIARY);
    MenuItem root = addItem(TITLE);
    root.addComponentAsFirst(VaadinIcon.TABLE.create());
    SubMenu menu = root.getSubMenu();
    Set<String> hidden = remembered().orElse(hiddenByDefault);
    for (Grid.Column<?> column : grid.getColumns()) {
      String key = column.getKey();
      MenuItem item = menu.addItem(column.getHeaderText());
      item.setCheckable(true);
      item.setKeepOpen(true);
      item.setChecked(!hidden.contains(key));
      column.setVisible(item.isChecked());
      item.addClickListener(
          e -> {
            column.setVisible(item.isChecked());
            remember(grid);
          });
      items.put(key, item);
    }
  }

  private static java.util.Optional<Set<String>> remembered() {
    VaadinSession session = VaadinSession.getCurrent();
    @SuppressWarnings("unchecked")
    Set<String> hidden = session == null ? null : (Set<String>) session.getAttribute(HIDDEN);
    return java.util.Optional.ofNullable(hidden);
  }

  private static void remember(Grid<?> grid) {
    VaadinSession session = VaadinSession.getCurrent();
    if (session == null) {
      return;
    }
    Set<String> hidden = new LinkedHashSet<>();
    grid.getColumns().stream().filter(c -> !c.isVisible()).forEach(c -> hidden.add(c.getKey()));
    session.setAttribute(HIDDEN, Set.copyOf(hidden));
  }
}
