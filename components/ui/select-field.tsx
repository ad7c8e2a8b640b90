import { renderField, type FormFieldProps } from "./form-field";
import { Select, type SelectProps } from "./input";

export type SelectFieldProps = FormFieldProps<SelectProps>;

/** Field + native Select: label, hint and error wired to the select; pass <option> elements as children. */
export function SelectField(props: SelectFieldProps) {
  return renderField(props, (control) => <Select {...control} />);
}
