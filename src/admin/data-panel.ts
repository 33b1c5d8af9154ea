/**
 * `<comment-admin-data>`: the desk's "Import and export" screen. Download every comment (the
 * comment-box JSON export), import a file (WordPress's Tools → Export, a Disqus export, a comment-box
 * export; a dry run first if wanted), and privacy requests for one email address: download what is
 * stored, or erase it (asked once; focus starts on Cancel). The same API as the CLI's `export`,
 * `import` and `privacy` (docs/import-export.md).
 */
import { LitElement, html } from 'lit';
import { deskStyles } from './admin-page.styles.js';
import type { DeskApi, ImportReport } from './desk-api.js';

type Source = 'wordpress' | 'disqus' | 'comment-box';

/** "1 comment", "7 comments". */
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line about an import, as the desk says it. */
export function describeReport(r: ImportReport): string {
  const reasons = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([why, n]) => `${n} ${why}`)
      .join('; ');
  return [
    `${r.dryRun ? 'Would import' : 'Imported'} ${count(r.imported, 'comment')} into ${count(r.threads, 'thread')}.`,
    `Skipped ${r.skipped}${r.skipped ? ` (${reasons(r.skippedReasons)})` : ''}.`,
    `Failed ${r.failed}${r.failed ? ` (${reasons(r.failedReasons)})` : ''}.`,
  ].join(' ');
}

export class CommentAdminDataElement extends LitElement {
  static override properties = {
    message: { state: true },
    busy: { state: true },
    email: { state: true },
    confirming: { state: true },
  };

  static override styles = deskStyles;

  api!: DeskApi;
  /** The last result, announced in the screen's live region. */
  message = '';
  busy = false;
  /** The address of the privacy form, as typed. */
  email = '';
  /** Asking before erasing this address's data. */
  confirming: { email: string; mode: 'anonymize' | 'delete' } | null = null;
  #focusNext: string | null = null;

  protected override updated(): void {
    const selector = this.#focusNext;
    this.#focusNext = null;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #import(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    const from = (form.elements.namedItem('from') as HTMLSelectElement).value as Source;
    const dryRun = (form.elements.namedItem('dryRun') as HTMLInputElement).checked;
    this.busy = true;
    this.message = 'Importing…';
    const r = await this.api.importFile(from, file, dryRun);
    this.busy = false;
    this.message =
      r.ok && r.body
        ? describeReport(r.body)
        : r.status === 422
          ? `Not imported: this file is not a ${from === 'comment-box' ? 'comment-box' : from === 'wordpress' ? 'WordPress' : 'Disqus'} export.`
          : r.status === 413
            ? 'Not imported: the file is larger than 1 GB; use comment-box-server import.'
            : `Not imported (the server answered ${r.status || 'nothing'}).`;
    this.#focusNext = '#data-status';
  }

  #askErase(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const mode = (form.elements.namedItem('mode') as HTMLSelectElement).value as 'anonymize' | 'delete';
    this.confirming = { email: this.email.trim(), mode };
    this.#focusNext = '#erase-cancel';
  }

  async #erase(): Promise<void> {
    const ask = this.confirming;
    if (!ask || this.busy) return;
    this.busy = true;
    const r = await this.api.erase(ask.email, ask.mode);
    this.busy = false;
    this.confirming = null;
    this.message =
      r.ok && r.body
        ? `Erased: ${count(r.body.anonymized, 'comment')} anonymized, ${r.body.deleted} deleted, ${r.body.placeholders} kept as "deleted" placeholders.`
        : `Not erased (the server answered ${r.status || 'nothing'}).`;
    this.#focusNext = '#data-status';
  }

  #cancelErase(): void {
    this.confirming = null;
    this.#focusNext = '#erase-button';
  }

  override render() {
    const email = this.email.trim();
    return html`<h2 id="queue-heading" tabindex="-1">Import and export</h2>
      <p id="data-status" role="status" aria-live="polite" tabindex="-1">${this.message}</p>
      <section aria-labelledby="export-heading">
        <h3 id="export-heading">Export</h3>
        <p>
          <a href="/api/admin/export" download="comments.json">Download every comment</a> (JSON, with emails,
          addresses and edit history: keep it safe). It imports back with the form below.
        </p>
      </section>
      <section aria-labelledby="import-heading">
        <h3 id="import-heading">Import</h3>
        <form class="settings" @submit=${this.#import}>
          <p>
            <label for="import-file">File</label><br />
            <input id="import-file" name="file" type="file" required accept=".xml,.wxr,.json" />
          </p>
          <p>
            <label for="import-from">Exported by</label><br />
            <select id="import-from" name="from">
              <option value="wordpress">WordPress (Tools → Export)</option>
              <option value="disqus">Disqus</option>
              <option value="comment-box">comment-box</option>
            </select>
          </p>
          <p>
            <input id="import-dry-run" name="dryRun" type="checkbox" />
            <label for="import-dry-run">Only count what would be imported (dry run)</label>
          </p>
          <button class="primary" type="submit" aria-disabled=${String(this.busy)}>Import</button>
        </form>
        <p>Importing again adds nothing; existing comments are never changed.</p>
      </section>
      <section aria-labelledby="privacy-heading">
        <h3 id="privacy-heading">Personal data</h3>
        <form class="settings" @submit=${this.#askErase}>
          <p>
            <label for="privacy-email">Email address</label><br />
            <input
              id="privacy-email"
              name="email"
              type="email"
              required
              .value=${this.email}
              @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
            />
          </p>
          <p>
            ${
              email.includes('@')
                ? html`<a href=${`/api/admin/privacy?email=${encodeURIComponent(email)}`} download="personal-data.json"
                  >Download what is stored about this address</a
                >`
                : html`<span>Type an address to download what is stored about it.</span>`
            }
          </p>
          <p>
            <label for="erase-mode">Erase</label><br />
            <select id="erase-mode" name="mode">
              <option value="anonymize">Keep the comments; remove name, email, website and address</option>
              <option value="delete">Delete the comments (replies keep a "deleted" placeholder)</option>
            </select>
          </p>
          ${
            this.confirming
              ? html`<div role="group" aria-labelledby="erase-question">
                <p id="erase-question">Erase what is stored about <bdi>${this.confirming.email}</bdi>? This cannot be undone.</p>
                <button class="danger" type="button" @click=${this.#erase}>Erase</button>
                <button id="erase-cancel" type="button" @click=${this.#cancelErase}>Cancel</button>
              </div>`
              : html`<button id="erase-button" type="submit">Erase…</button>`
          }
        </form>
      </section>`;
  }
}

if (!customElements.get('comment-admin-data')) customElements.define('comment-admin-data', CommentAdminDataElement);
