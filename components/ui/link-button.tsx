import Link from "next/link";
import type * as React from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";

export type LinkButtonProps = React.ComponentProps<typeof Link> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** A next/link styled like a Button (for navigation, not actions). */
export function LinkButton({ variant = "primary", size = "md", className, ...props }: LinkButtonProps) {
  return <Link className={buttonClasses({ variant, size, className })} {...props} />;
}
