/**
 * Write/Preview: a button beside the comment field that shows the comment as it will render once
 * posted, without posting. The preview goes through the list's own renderers (body/renderers.ts),
 * so it has the same Markdown subset and link rules, and loads the Markdown renderer only when the
 * text needs it. The field stays in the form, hidden, so what the reader typed is kept as it is.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderBody } from '../body/renderers.js';
import type { Translation } from '../../i18n/localize.js';

/** What the preview shows and how it answers the reader. */
export interface PreviewView {
  readonly t: Translation;
  /** Renders again when a lazy body renderer arrives. */
  readonly host: ReactiveControllerHost & Element;
  /** The preview shows in place of the comment field. */
  readonly previewing: boolean;
  /** The comment field's text. */
  readonly text: string;
  /** Preview, or back to the field (see the element's #togglePreview). */
  readonly onToggle: () => void;
}

/** The Preview (or Write) button, then the comment field `field`, or the preview in its place. */
export function renderPreviewable(view: PreviewView, field: TemplateResult): TemplateResult {
  const { t, previewing, text } = view;
  return html`<button part="preview-button" type="button" class="link-button preview-button" @click=${view.onToggle}>
      ${previewing ? t.write : t.preview}
    </button>
    <div ?hidden=${previewing}>${field}</div>
    ${
      previewing
        ? html`<div part="preview" class="preview body" id="comment-preview" role="region" aria-label=${t.preview} tabindex="-1">
          ${text.trim() ? renderBody(view.host, { id: '', content: text }) : html`<p class="note">${t.nothingToPreview}</p>`}
        </div>`
        : nothing
    }`;
}
