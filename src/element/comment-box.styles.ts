import { css } from 'lit';

/**
 * Styles of `<comment-box>`. Public `--comment-box-*` tokens are read once into private `--_*` ones;
 * the rest of the sheet uses only the private ones. By default the element takes the page's font and
 * text color, draws lines and muted text from that color (`currentColor`), and its accent from a
 * WordPress block theme's colors when it sits in one, else the system's link color. Dark mode
 * follows `prefers-color-scheme` (or the `theme` attribute) through `light-dark()`.
 */
export const styles = css`
  :host {
    --_accent: var(--comment-box-accent, light-dark(var(--wp--preset--color--contrast, LinkText), LinkText));
    --_on-accent: var(--comment-box-on-accent, light-dark(var(--wp--preset--color--base, Canvas), Canvas));
    --_text: var(--comment-box-text, light-dark(currentColor, CanvasText));
    --_muted: var(--comment-box-muted, color-mix(in srgb, currentColor 70%, transparent));
    --_background: var(--comment-box-background, light-dark(transparent, Canvas));
    --_field: var(--comment-box-field, transparent);
    --_surface: var(--comment-box-surface, color-mix(in srgb, currentColor 6%, transparent));
    --_border: var(--comment-box-border, color-mix(in srgb, currentColor 20%, transparent));
    --_danger: var(--comment-box-danger, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--comment-box-radius, 6px);
    --_space: var(--comment-box-spacing, 1rem);
    --_font: var(--comment-box-font, inherit);
    --_focus: var(--comment-box-focus-ring, var(--_accent));
    --_indent: var(--comment-box-indent, clamp(1.75rem, 6cqi, 3rem));
    --_avatar: var(--comment-box-avatar-size, 2.25rem);

    display: block;
    color-scheme: light dark;
    color: var(--_text);
    background: var(--_background);
    /* Room around the text where the element paints its own background (dark mode on a light page). */
    outline: var(--_space) solid var(--_background);
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
  .base {
    container-type: inline-size;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h2 {
    font-size: 1.25em;
    line-height: 1.25;
    margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.5);
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
  .in-reply-to {
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
  .comment-list {
    margin-block-end: var(--_space);
  }
  .comment {
    padding-block-start: calc(var(--_space) * 0.75);
    content-visibility: auto;
    contain-intrinsic-size: auto 6rem;
  }
  /* Its paint containment would clip a focus ring inside. */
  .comment:focus-within {
    content-visibility: visible;
  }
  /* Threads apart by a hairline, not by cards. */
  .comment-list > li + li {
    border-block-start: 1px solid var(--_border);
    margin-block-start: calc(var(--_space) * 0.75);
  }
  /*
   * A rail under the parent's avatar, curving into each reply's avatar; it ends at the last one. It is
   * drawn inside the reply's own box: content-visibility's paint containment clips what is outside.
   */
  .replies > li {
    position: relative;
    padding-inline-start: var(--_indent);
  }
  .replies > li::before,
  .replies > li::after,
  .comment:has(> .replies) > article::before {
    content: '';
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: calc(var(--_avatar) / 2 - 1px);
    border: 0 solid var(--_border);
    border-inline-start-width: 2px;
  }
  .replies > li:not(:last-child)::before {
    inset-block-end: 0;
  }
  /* From under the parent's avatar down to its replies. */
  .comment:has(> .replies) > article::before {
    inset-block: calc(var(--_avatar) + 0.25rem) 0;
  }
  .replies > li::after {
    block-size: calc(var(--_space) * 0.75 + var(--_avatar) / 2);
    inline-size: calc(var(--_indent) - var(--_avatar) / 2 - 0.25rem);
    border-block-end-width: 2px;
    border-end-start-radius: 0.75rem;
  }
  article {
    position: relative;
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr);
    gap: 0.125rem 0.75rem;
  }
  article > * {
    grid-column: 2;
    margin: 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }
  .avatar {
    grid-area: 1 / 1 / span 5;
    inline-size: var(--_avatar);
    block-size: var(--_avatar);
    /* Small enough not to clip an identicon's corner cells. */
    border-radius: 20%;
    object-fit: cover;
  }
  .identicon {
    background: light-dark(hsl(var(--_hue) 40% 93%), hsl(var(--_hue) 25% 22%));
    fill: light-dark(hsl(var(--_hue) 55% 40%), hsl(var(--_hue) 60% 68%));
  }
  .author {
    font-weight: 700;
  }
  .deep {
    display: none;
  }
  .body {
    max-inline-size: 70ch;
  }
  .body :is(p, blockquote, pre) {
    margin: 0.25em 0 0.5em;
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
    border-radius: var(--_radius);
    white-space: pre-wrap;
  }
  .body pre code {
    background: none;
    padding: 0;
  }
  .moderation {
    color: var(--_muted);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .reply,
  .link-button {
    font-size: 0.875em;
    font-weight: 600;
    background: none;
    border: 0;
    padding: 0.25rem 0;
    color: var(--_muted);
  }
  .link-button,
  .reply:hover {
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
    margin-inline-start: calc(var(--_avatar) + 0.75rem);
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
    border: 1px solid color-mix(in srgb, currentColor 55%, transparent);
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
    font-size: 0.875em;
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
  /* A narrow element: two levels of replies indent, deeper ones not (they say whom they answer). */
  @container (width < 30rem) {
    .replies .replies .replies > li {
      padding-inline-start: 0;
    }
    /* The text under the avatar, across the whole width: no rail through it. */
    .replies .replies .replies > li::before,
    .replies .replies .replies > li::after,
    .comment:has(> .replies) > article::before {
      content: none;
    }
    article > :not(.meta, .avatar) {
      grid-column: 1 / -1;
    }
    .avatar {
      grid-row: 1;
    }
    .meta {
      align-self: center;
    }
    .deep {
      display: inline;
    }
    .comment > .respond {
      margin-inline-start: 0;
    }
    /* A phone's finger: a checkbox's label, 44 px high at least. */
    .checkbox label {
      min-block-size: 2.75rem;
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
