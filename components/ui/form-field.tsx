import type * as React from "react";
import { Field, describedBy } from "./field";

/** What TextField, TextareaField and SelectField take besides the control's own attributes. */
export interface FormFieldOwnProps {
  /** Id of the control; also used to derive hint and error ids. */
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** Attributes a form field sets on its control itself. */
type ManagedControlProps = "id" | "required" | "invalid" | "aria-invalid" | "aria-describedby" | "aria-required";

export type FormFieldProps<ControlProps> = FormFieldOwnProps & Omit<ControlProps, ManagedControlProps>;

/** The control's props as renderField hands them over: the caller's own, plus the wiring to the Field. */
type WiredControlProps<Rest> = Omit<FormFieldOwnProps & Rest, keyof FormFieldOwnProps> & {
  id: string;
  required?: boolean;
  invalid: boolean;
  "aria-describedby"?: string;
};

/**
 * A Field (label, hint, error) around the control that `control` renders. The control gets
 * the id, `required`, `invalid` (hence aria-invalid) and the aria-describedby of the hint and
 * error, plus every other prop (value, onChange, className, ref, children…).
 */
export function renderField<Rest extends object>(
  { id, label, hint, error, required, ...rest }: FormFieldOwnProps & Rest,
  control: (props: WiredControlProps<Rest>) => React.ReactNode,
) {
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error} required={required}>
      {control({ ...rest, id, required, invalid: Boolean(error), "aria-describedby": describedBy(id, { hint, error }) })}
    </Field>
  );
}
