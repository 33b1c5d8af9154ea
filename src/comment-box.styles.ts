import { css } from 'lit';

/** Styles of `<comment-box>`. Public `--comment-box-*` tokens are read once into private `--_*` ones. */
export const styles = css`
  :host {
    --_accent: var(--comment-box-accent, #0a58ca);
    --_text: var(--comment-box-text, CanvasText);
    --_muted: var(--comment-box-muted, color-mix(in srgb, var(--_text) 68%, transparent));
    --_background: var(--comment-box-background, Canvas);
    --_surface: var(--comment-box-surface, color-mix(in srgb, var(--_text) 4%, var(--_background)));
    --_border: var(--comment-box-border, color-mix(in srgb, var(--_text) 25%, transparent));
    --_danger: var(--comment-box-danger, #b3261e);
    --_radius: var(--comment-box-radius, 6px);
    --_space: var(--comment-box-spacing, 1rem);
    --_font: var(--comment-box-font, inherit);
    --_focus: var(--comment-box-focus-ring, var(--_accent));
    --_indent: var(--comment-box-indent, clamp(0.75rem, 4vw, 2rem));

    display: block;
    color-scheme: light dark;
    color: var(--_text);
    font-family: var(--_font);
    line-height: 1.5;
    overflow-wrap: anywhere;
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
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h2 {
    font-size: 1.375em;
    line-height: 1.25;
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.75);
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .note,
  .notes,
  .status,
  .date {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .status.error,
  .field-error,
  .form-error {
    color: var(--_danger);
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
    display: inline-grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
    background: hsl(var(--_hue, 210) 45% 42%);
    color: #fff;
    font-weight: 600;
  }
  .author {
    font-weight: 600;
  }
  .body p {
    margin: 0.5em 0;
  }
  .moderation {
    margin: 0.5em 0 0;
    color: var(--_muted);
  }
  .reply,
  .link-button {
    font: inherit;
    font-size: 0.875em;
    background: none;
    border: 0;
    padding: 0.25rem 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  .respond {
    margin-block: var(--_space);
  }
  .replies .respond,
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
  .required {
    color: var(--_danger);
  }
  textarea,
  input:not([type='checkbox']) {
    display: block;
    inline-size: 100%;
    font: inherit;
    color: inherit;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.625rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    display: block;
    font-size: 0.875em;
    margin-top: 0.25rem;
  }
  .checkbox {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .checkbox label {
    display: inline;
  }
  .checkbox input {
    margin-top: 0.3em;
  }
  .button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: #fff;
    padding: 0.5rem 1.125rem;
  }
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .button[disabled] {
    opacity: 0.65;
    cursor: progress;
  }
  .form-error,
  .status.error {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0 0 var(--_space);
  }
  .closed {
    font-style: italic;
  }
  @media (forced-colors: active) {
    .avatar {
      border: 1px solid CanvasText;
    }
    .button {
      border: 1px solid ButtonText;
    }
  }
`;
