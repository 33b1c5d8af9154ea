/**
 * Relative dates ("3 minutes ago") in a `<time>` whose title is the absolute date, refreshed while
 * the page stays open by one shared timer for every connected element.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { cached, isCached } from './i18n/registry.js';
import { nextTask } from './next-task.js';

/** The clock every relative date is measured against. Tests may replace it with {@link setClock}. */
let now: () => number = () => Date.now();

/** Replaces the clock (for tests and screenshots); `setClock()` restores `Date.now`. */
export function setClock(clock: () => number = () => Date.now()): void {
  now = clock;
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const relativeFormat = (lang: string) =>
  cached('rtf', lang, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
const dateFormat = (lang: string) =>
  cached('dtf', lang, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }));

/**
 * Makes `lang`'s date formats before the first render that needs them, a part of the browser's
 * locale data at a time, each in a task of its own. The first `Intl` object of a page loads that
 * data (ICU's): about 15 ms at once on a fast machine (50 ms on a slow one), which would fall in the
 * task rendering the first comments. In these steps none takes more than about two thirds of it,
 * and all of them about what the two formats take made at once (a step that loads data neither
 * format needs, such as collation, would only add). Resolves at once when the formats exist; stops
 * at a tag `Intl` refuses (dates then show as ISO, see renderTime).
 */
export async function prepareDateFormats(lang: string): Promise<void> {
  if (isCached('rtf', lang)) return;
  for (const step of [
    () => new Intl.Locale(lang).maximize(),
    () => dateFormat(lang),
    () => new Intl.NumberFormat(lang),
    () => relativeFormat(lang),
  ]) {
    await nextTask();
    try {
      step();
    } catch {
      return;
    }
  }
}

/** "3 minutes ago", "in 2 days", "now" in `lang`, measured from the clock. */
export function relativeTime(date: Date, lang: string): string {
  const seconds = (date.getTime() - now()) / 1000;
  const format = relativeFormat(lang);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The absolute date and time in `lang`, for the title. */
export function absoluteTime(date: Date, lang: string): string {
  return dateFormat(lang).format(date);
}

/** `<time part="date">` with a relative text, the ISO `datetime` and the absolute date as `title`. */
export function renderTime(iso: string, lang: string): TemplateResult {
  const date = new Date(iso);
  let text: string;
  let title: string;
  try {
    text = relativeTime(date, lang);
    title = absoluteTime(date, lang);
  } catch {
    text = title = date.toISOString();
  }
  return html`<time part="date" class="date" datetime=${iso} title=${title}>${text}</time>`;
}

const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;

/** How often relative dates are refreshed, in milliseconds. */
export const REFRESH_MS = 30_000;

/** Re-renders every connected element so their relative dates move on. Called by the shared timer. */
export function refreshRelativeTimes(): void {
  ticks++;
  for (const host of hosts) host.requestUpdate();
}

let ticks = 0;
/** How many times relative dates were refreshed: a render that shows dates depends on it. */
export const clockTicks = (): number => ticks;

/** True while the shared timer runs (some element is connected). */
export function relativeTimerRunning(): boolean {
  return timer !== undefined;
}

/** Keeps its host's relative dates fresh: joins the shared timer on connect, leaves on disconnect. */
export class RelativeTimeController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(refreshRelativeTimes, REFRESH_MS);
  }
  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}
