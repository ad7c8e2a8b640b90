"use client";
import { useState } from "react";
import { TextField } from "@/components/ui";
import { numberOf } from "./editor-types";

/**
 * A number input that keeps what the person typed ("2.", "") while handing the parent a number;
 * `scale` shows fractions as percentages (0.05 ↔ 5).
 */
export function NumberField(props: { id: string; label: string; hint?: string; error?: string; value: number; onChange: (n: number) => void; scale?: number; min?: number; max?: number; step?: string }) {
  const scale = props.scale ?? 1;
  const [text, setText] = useState(() => (Number.isFinite(props.value) ? String(round(props.value * scale)) : ""));
  return (
    <TextField
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      type="number"
      inputMode="decimal"
      min={props.min}
      max={props.max}
      step={props.step ?? "any"}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(numberOf(e.target.value) / scale);
      }}
    />
  );
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
