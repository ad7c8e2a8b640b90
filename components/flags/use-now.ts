"use client";
import { useSyncExternalStore } from "react";

const MINUTE = 60_000;

function subscribe(onChange: () => void): () => void {
  const timer = window.setInterval(onChange, MINUTE);
  return () => window.clearInterval(timer);
}

/** Rounded to the minute so the snapshot is stable between renders. */
function snapshot(): number {
  return Math.floor(Date.now() / MINUTE) * MINUTE;
}

/** The current time (ms), refreshed every minute; keeps render functions free of Date.now(). */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
