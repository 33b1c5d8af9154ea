import { css } from 'lit';

/**
 * Styles of `<comment-box>`. Public `--comment-box-*` tokens are read once into private `--_*` ones;
 * the rest of the sheet uses only the private ones. Defaults use system colors and `light-dark()`,
 * so the element follows `prefers-color-scheme` (or its `theme` attribute) with zero host CSS.
 */
export const styles = css`
  :host {
    --_accent: var(--comment-box-accent, light-dark(#0a58ca, #8ab4f8));
    --_on-accent: var(--comment-box-on-accent, light-dark(#fff, #111));
    --_text: var(--comment-box-text, CanvasText);
    --_muted: var(--comment-box-muted, color-mix(in srgb, var(--_text) 70%, transparent));
    --_background: var(--comment-box-background, light-dark(transparent, Canvas));
    --_field: var(--comment-box-field, Field);
    --_surface: var(--comment-box-surface, color-mix(in srgb, var(--_text) 4%, transparent));
    --_border: var(--comment-box-border, color-mix(in srgb, var(--_text) 28%, transparent));
    --_danger: var(--comment-box-danger, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--comment-box-radius, 6px);
    --_space: var(--comment-box-spacing, 1rem);
    --_font: var(--comment-box-font, inherit);
    --_focus: var(--comment-box-focus-ring, var(--_accent));
    --_indent: var(--comment-box-indent, clamp(0.75rem, 4vw, 2rem));

    display: block;
    color-scheme: light dark;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--_font);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  :host([theme=light]) {
    color-scheme: light;
  }
  :host([theme=dark]) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h2 {
    font-size: 1.375em;
    line-height: 1.25;
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.75);
  }
  a {
    color: var(--_accent);
  }
  /* What focus moves to on its own (a new comment, a failure: tabindex=-1) shows it after a click too. */
  :focus-visible,
  [tabindex]:focus {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .note,
  .notes,
  .status,
  .date,
  .edited,
  .field-error {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .owner {
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.75em;
    padding: 0 0.3em;
    color: var(--_accent);
  }
  .comment-list,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .replies {
    margin-inline-start: var(--_indent);
    border-inline-start: 2px solid var(--_border);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  .comment {
    margin: calc(var(--_space) * 0.75) 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 8rem;
  }
  /* Its paint containment would clip a focus ring inside. */
  .comment:focus-within {
    content-visibility: visible;
  }
  article {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75) var(--_space);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .avatar {
    flex: none;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
    object-fit: cover;
  }
  .identicon {
    background: light-dark(hsl(var(--_hue) 40% 93%), hsl(var(--_hue) 25% 22%));
    fill: light-dark(hsl(var(--_hue) 55% 40%), hsl(var(--_hue) 60% 68%));
  }
  .author {
    font-weight: 600;
  }
  .body :is(p, blockquote, pre) {
    margin: 0.5em 0;
  }
  .body blockquote {
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .body code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--_surface);
    border-radius: 3px;
    padding: 0.1em 0.25em;
  }
  .body pre {
    padding: 0.5em 0.75em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    white-space: pre-wrap;
  }
  .body pre code {
    background: none;
    padding: 0;
  }
  .moderation {
    margin: 0.5em 0 0;
    color: var(--_muted);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .reply,
  .link-button {
    font-size: 0.875em;
    background: none;
    border: 0;
    padding: 0.25rem 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .reply + .reply {
    margin-inline-start: 0.75rem;
  }
  .edit-form label {
    display: block;
    margin-block: 0.5rem 0.25rem;
  }
  .edit-form .error,
  .delete-confirm .error {
    color: var(--_danger);
  }
  .preview-button {
    float: inline-end;
  }
  .preview {
    clear: both;
    min-block-size: 5rem;
    margin: 0 0 var(--_space);
    padding: 0 0.625rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .respond {
    margin-block: var(--_space);
  }
  .comment > .respond {
    margin-inline-start: var(--_indent);
  }
  .respond-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
  }
  .field {
    margin: 0 0 var(--_space);
  }
  .field label {
    display: block;
    margin-bottom: 0.25rem;
  }
  .required,
  .field-error {
    color: var(--_danger);
  }
  textarea,
  input:not([type=checkbox]) {
    display: block;
    inline-size: 100%;
    font: inherit;
    color: inherit;
    background: var(--_field);
    border: 1px solid color-mix(in srgb, var(--_text) 55%, transparent);
    border-radius: var(--_radius);
    padding: 0.5rem 0.625rem;
  }
  /* As specific as the fields' own border above, so that it wins. */
  :is(textarea, input)[aria-invalid=true] {
    border-color: var(--_danger);
  }
  .field-error {
    display: block;
    margin-top: 0.25rem;
  }
  .checkbox {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .checkbox input {
    margin-top: 0.3em;
  }
  .button {
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    padding: 0.5rem 1.125rem;
  }
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .button[aria-disabled=true] {
    opacity: 0.65;
    cursor: progress;
  }
  .form-error,
  .status.error {
    color: var(--_danger);
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0 0 var(--_space);
  }
  .closed {
    font-style: italic;
  }
  /* Phones: the first levels indent a little, deeper ones not at all, so text keeps its width. */
  @media (max-width: 30rem) {
    .replies {
      margin-inline-start: 0.25rem;
      padding-inline-start: 0.5rem;
    }
    .replies .replies .replies {
      margin-inline-start: 0;
      padding-inline-start: 0;
      border-inline-start: 0;
    }
    .comment > .respond {
      margin-inline-start: 0;
    }
    article {
      padding: 0.5rem 0.75rem;
    }
  }
  /* Windows high contrast: system colors everywhere, visible boundaries, no color-only meaning. */
  @media (forced-colors: active) {
    :host {
      --_accent: LinkText;
      --_on-accent: ButtonText;
      --_text: CanvasText;
      --_muted: CanvasText;
      --_danger: CanvasText;
      --_border: CanvasText;
      --_focus: Highlight;
      --_surface: Canvas;
      --_background: Canvas;
    }
    .avatar {
      border: 1px solid CanvasText;
    }
    .identicon {
      fill: CanvasText;
    }
    .button {
      border: 1px solid ButtonText;
      background: ButtonFace;
    }
  }
`;
