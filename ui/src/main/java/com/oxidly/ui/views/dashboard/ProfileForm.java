package com.oxidly.ui.views.dashboard;

import com.oxidly.domain.customer.Customer;
import com.oxidly.domain.customer.CustomerStatus;
import com.oxidly.domain.customer.FieldError;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The editable part of a customer profile. It knows nothing of storage: Save fires a {@link
 * SaveEvent} with only the properties the user changed (as the PATCH API takes them), and the view
 * hands back the errors the domain names, which appear on their fields.
 */
class ProfileForm extends FormLayout {

  final TextField firstName = new TextField("First name");
  final TextField lastName = new TextField("Last name");
  final TextField email = new TextField("Email");
  final TextField phone = new TextField("Phone");
  final IntegerField yearOfBirth = new IntegerField("Year of birth");
  final TextField country = new TextField("Country");
  final TextField city = new TextField("City");
  final TextField address = new TextField("Address");
  final TextField postalCode = new TextField("Postal code");
  final ComboBox<String> timeZone = new ComboBox<>("Time zone");
  final TextField language = new TextField("Language");
  final ComboBox<String> status = new ComboBox<>("Status");
  final TextField tags = new TextField("Tags (comma-separated)");
  final Checkbox emailOptIn = new Checkbox("Email consent");
  final Checkbox smsOptIn = new Checkbox("SMS consent");
  final Checkbox pushOptIn = new Checkbox("Push consent");
  final Button save = new Button("Save profile", VaadinIcon.CHECK.create());

  /** Property name (as the API spells it) -> its field and how the stored customer fills it. */
  private final Map<String, Binding<?>> bindings = new LinkedHashMap<>();

  private Customer customer;

  private record Binding<T>(AbstractField<?, T> field, Function<Customer, T> read) {
    void load(Customer customer) {
      T value = read.apply(customer);
      if (value == null) {
        // Text fields refuse null: clear() sets each field's own empty value.
        field.clear();
      } else {
        field.setValue(value);
      }
    }

    boolean changed(Customer customer) {
      return !Objects.equals(normal(field.getValue()), normal(read.apply(customer)));
    }

    private static Object normal(Object value) {
      return value instanceof String text && text.isBlank() ? null : value;
    }
  }

  ProfileForm() {
    timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
    timeZone.setAllowCustomValue(true);
    timeZone.addCustomValueSetListener(e -> timeZone.setValue(e.getDetail()));
    status.setItems(Arrays.stream(CustomerStatus.values()).map(CustomerStatus::code).toList());
    bind("firstName", firstName, Customer::firstName);
    bind("lastName", lastName, Customer::lastName);
    bind("email", email, Customer::email);
    bind("phone", phone, Customer::phone);
    bind("yearOfBirth", yearOfBirth, Customer::yearOfBirth);
    bind("country", country, Customer::country);
    bind("city", city, Customer::city);
    bind("address", address, Customer::address);
    bind("postalCode", postalCode, Customer::postalCode);
    bind("timeZone", timeZone, Customer::timeZone);
    bind("language", language, Customer::language);
    bind("status", status, c -> c.status().code());
    bind("tags", tags, c -> c.tags() == null ? "" : String.join(", ", c.tags()));
    bind("emailOptIn", emailOptIn, Customer::emailOptIn);
    bind("smsOptIn", smsOptIn, Customer::smsOptIn);
    bind("pushOptIn", pushOptIn, Customer::pushOptIn);
    bindings.values().forEach(binding -> add(binding.field()));
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(e -> fireEvent(new SaveEvent(this, changes())));
    add(save);
    setResponsiveSteps(
        new ResponsiveStep("0", 1), new ResponsiveStep("500px", 2), new ResponsiveStep("900px", 3));
  }

  private <T> void bind(String property, AbstractField<?, T> field, Function<Customer, T> read) {
    bindings.put(property, new Binding<>(field, read));
  }

  /** Shows {@code customer} and clears earlier errors. */
  void load(Customer customer) {
    this.customer = customer;
    bindings.values().forEach(binding -> binding.load(customer));
    clearErrors();
  }

  void setEditable(boolean editable) {
    bindings.values().forEach(binding -> binding.field().setReadOnly(!editable));
    save.setVisible(editable);
  }

  /** The properties whose fields differ from the loaded customer, with their new values. */
  Map<String, Object> changes() {
    Map<String, Object> changes = new LinkedHashMap<>();
    bindings.forEach(
        (property, binding) -> {
          if (binding.changed(customer)) {
            Object value = binding.field().getValue();
            if (property.equals("tags")) {
              value =
                  Arrays.stream(((String) value).split(","))
                      .map(String::strip)
                      .filter(tag -> !tag.isEmpty())
                      .toList();
            } else if (value instanceof String text && text.isBlank()) {
              value = null;
            }
            changes.put(property, value);
          }
        });
    return changes;
  }

  /**
   * Marks the named fields invalid with their messages.
   *
   * @return the errors that name no field of this form (shown by the view)
   */
  List<FieldError> showErrors(List<FieldError> errors) {
    clearErrors();
    return errors.stream()
        .filter(
            error -> {
              Binding<?> binding = bindings.get(error.field());
              if (binding != null && binding.field() instanceof HasValidation validated) {
                validated.setErrorMessage(error.message());
                validated.setInvalid(true);
                return false;
              }
              return true;
            })
        .toList();
  }

  private void clearErrors() {
    bindings
        .values()
        .forEach(
            binding -> {
              if (binding.field() instanceof HasValidation validated) {
                validated.setInvalid(false);
                validated.setErrorMessage(null);
              }
            });
  }

  /** Save pressed: {@code changes} holds the changed properties only (maybe none). */
  static final class SaveEvent extends ComponentEvent<ProfileForm> {
    final Map<String, Object> changes;

    SaveEvent(ProfileForm source, Map<String, Object> changes) {
      super(source, false);
      this.changes = changes;
    }
  }

  Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
    return addListener(SaveEvent.class, listener);
  }
}
