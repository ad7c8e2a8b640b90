import { renderField, type FormFieldProps } from "./form-field";
import { Textarea, type TextareaProps } from "./input";

export type TextareaFieldProps = FormFieldProps<TextareaProps>;

/** Field + Textarea: label, hint and error wired to the textarea. */
export function TextareaField(props: TextareaFieldProps) {
  return renderField(props, (control) => <Textarea {...control} />);
}
