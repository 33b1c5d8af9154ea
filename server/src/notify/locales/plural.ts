/** Plural forms for the locale files: one `Intl.PluralRules` per language, made on first use. */
const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of `forms` that `n` takes in `lang` (`one`, `two`, `few`, `many`, `other`), with `#`
 * replaced by `n`; `other` when the language has no form of its own for that category.
 */
export function plural(
  lang: string,
  n: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
): string {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return (forms[rule.select(n)] ?? forms.other).replace('#', String(n));
}
