package com.oxidly.ui.views.customers;

import com.oxidly.domain.query.CustomerQuery;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small dialog that changes the value(s) of one condition. A value the query refuses keeps the
 * dialog open with the query's own message (the API's), and nothing changes in the list.
 */
final class ConditionEditor extends Dialog {

  final List<TextField> fields = new ArrayList<>();
  final Button apply = new Button("Apply");

  ConditionEditor(String label, EditableValues values, Consumer<CustomerQuery> changed) {
    setHeaderTitle("Change: " + label);
    VerticalLayout body = new VerticalLayout();
    body.setPadding(false);
    for (int i = 0; i < values.labels().size(); i++) {
      TextField field = new TextField(values.labels().get(i));
      field.setValue(values.values().get(i));
      field.setWidthFull();
      // The query checks the values when applied; the field must not judge them by itself.
      field.setManualValidation(true);
      fields.add(field);
      body.add(field);
    }
    add(body);

    apply.addThemeVariants(ButtonVariant.PRIMARY);
    apply.addClickListener(e -> apply(values, changed));
    apply.addClickShortcut(Key.ENTER);
    getFooter().add(new Button("Cancel", e -> close()), apply);
    fields.getFirst().focus();
  }

  private void apply(EditableValues values, Consumer<CustomerQuery> changed) {
    CustomerQuery condition;
    try {
      condition = values.with(fields.stream().map(TextField::getValue).toList());
    } catch (IllegalArgumentException e) {
      fields.forEach(field -> field.setInvalid(true));
      // One message, under the first field: the query names the value it refused.
      fields.getFirst().setErrorMessage(e.getMessage());
      return;
    }
    close();
    changed.accept(condition);
  }
}
