import type * as React from "react";
import { cn } from "./cn";

export type VisuallyHiddenProps = React.HTMLAttributes<HTMLSpanElement>;

/** Content that is read by screen readers but not shown on screen. */
export function VisuallyHidden({ className, ...props }: VisuallyHiddenProps) {
  return <span className={cn("sr-only", className)} {...props} />;
}
