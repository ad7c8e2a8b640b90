import { fieldError } from "../errors";

export const VALUE_TYPES = ["boolean", "string", "number", "json"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export type VariationInput = { key: string; name: string; value: string; description?: string };
/** A variation as stored: `value` is the JSON encoding of what the flag serves. */
export type Variation = { key: string; name: string; description: string; value: string };

/** Boolean flags always have exactly these two variations. */
export const BOOLEAN_VARIATIONS: readonly Variation[] = [
  { key: "on", name: "On", description: "", value: "true" },
  { key: "off", name: "Off", description: "", value: "false" },
];

/**
 * Turns the values people type (copy, a price, a JSON document) into the stored JSON encoding,
 * checking each against the flag's value type. Errors name the variation's field.
 */
export function normaliseVariations(valueType: ValueType, variations: readonly VariationInput[]): Variation[] {
  if (valueType === "boolean") return BOOLEAN_VARIATIONS.map((v) => ({ ...v }));
  if (variations.length < 2) {
    throw fieldError("variations", "A flag needs at least two variations (for example control and treatment).");
  }
  const seen = new Set<string>();
  return variations.map((variation, index) => {
    if (seen.has(variation.key)) {
      throw fieldError(`variations.${index}.key`, `Variation key “${variation.key}” is used twice; keys must be unique.`);
    }
    seen.add(variation.key);
    return {
      key: variation.key,
      name: variation.name,
      description: variation.description ?? "",
      value: encodeValue(valueType, variation.value, `variations.${index}.value`),
    };
  });
}

function encodeValue(valueType: Exclude<ValueType, "boolean">, raw: string, field: string): string {
  switch (valueType) {
    case "string":
      return JSON.stringify(raw);
    case "number": {
      const n = Number(raw.trim());
      if (raw.trim() === "" || !Number.isFinite(n)) throw fieldError(field, `“${raw}” is not a number; enter a value such as 4.99.`);
      return JSON.stringify(n);
    }
    case "json": {
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        throw fieldError(field, 'Value must be valid JSON, for example {"layout": "grid"}.');
      }
    }
    default: {
      const exhaustive: never = valueType;
      return exhaustive;
    }
  }
}
