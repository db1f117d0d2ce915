/**
 * A rule's numeric settings (`["warn", { "threshold": 6 }]` in .reportlintrc.json): every key of `defaults`, taken
 * from `options` where that holds a finite number. Other values are ignored, as unknown keys are.
 */
export function numberOptions<T extends { [K in keyof T]: number }>(defaults: T, options: Readonly<Record<string, unknown>>): T {
  const out = { ...defaults };
  for (const key of Object.keys(out) as Array<keyof T & string>) {
    const v = options[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v as T[typeof key];
  }
  return out;
}
