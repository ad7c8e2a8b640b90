import { renderField, type FormFieldProps } from "./form-field";
import { Input, type InputProps } from "./input";

export type TextFieldProps = FormFieldProps<InputProps>;

/** Field + Input: label, hint and error wired to the input. */
export function TextField(props: TextFieldProps) {
  return renderField(props, (control) => <Input {...control} />);
}
