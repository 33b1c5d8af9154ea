/** The desk's styles: the element's tokens, targets of 24 px at least (44 px on a phone). */
import { css } from 'lit';

export const deskStyles = css`
  :host {
    --_accent: var(--comment-box-accent, light-dark(#0a58ca, #8ab4f8));
    --_on-accent: var(--comment-box-on-accent, light-dark(#fff, #111));
    --_border: var(--comment-box-border, light-dark(#c8c8c8, #555));
    --_muted: var(--comment-box-muted, light-dark(#555, #bbb));
    --_bg: var(--comment-box-background, light-dark(#fff, #1b1b1b));
    --_target: 2.25rem;
    color-scheme: light dark;
    /* Text and ground from the same scheme as the controls' --_bg, whatever the host page sets. */
    color: var(--comment-box-text, light-dark(#111, #eee));
    background: var(--_bg);
    display: block;
    font: 1rem/1.5 system-ui, sans-serif;
  }
  @media (max-width: 480px) {
    :host {
      --_target: 44px;
    }
  }
  main {
    max-width: 60rem;
    margin: 0 auto;
    padding: 1rem;
  }
  header,
  nav,
  .toolbar,
  .actions,
  form.search,
  form.signin {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  header {
    justify-content: space-between;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0.5rem 0;
  }
  h2 {
    font-size: 1.125rem;
    margin: 1rem 0 0.5rem;
  }
  button,
  input,
  textarea {
    font: inherit;
  }
  button {
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  button.primary,
  nav button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  input[type='search'],
  input[type='password'],
  input[type='number'],
  input[type='url'],
  input[type='email'],
  input:not([type]),
  select,
  textarea {
    min-height: var(--_target);
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
    color: inherit;
    box-sizing: border-box;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: 8px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: var(--_target);
    min-width: var(--_target);
  }
  label.check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  article {
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 0.75rem;
    margin-block-end: 0.75rem;
  }
  .meta,
  .reason,
  .parent {
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .meta a {
    color: var(--_accent);
  }
  .content {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0.5rem 0;
  }
  .parent {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: 0.5rem;
    margin: 0.25rem 0;
  }
  .owner {
    border: 1px solid currentColor;
    border-radius: 0.25em;
    font-size: 0.75em;
    padding: 0 0.3em;
    color: var(--_accent);
  }
  .toast {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
    margin-block: 0.5rem;
  }
  [role='status'] {
    min-height: 1.5em;
  }
`;
