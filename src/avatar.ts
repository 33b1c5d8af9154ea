/**
 * Avatars: the backend's image when it supplies one (lazy, fixed size, alt text), otherwise a local,
 * deterministic identicon drawn from the comment's `avatarSeed` as inline SVG. No network request
 * is ever made for an identicon.
 */
import { html, type TemplateResult } from 'lit';
import { fnv1a } from './hash.js';

/** Width and height of an avatar, in CSS pixels (written as is in the templates: static attributes). */
export const AVATAR_SIZE = 36;

/**
 * A symmetric 5×5 identicon: the hash's low 15 bits fill the left three columns (mirrored to the
 * right), the rest chooses the hue. Returns the hue and the cells as one SVG path.
 */
export function identicon(seed: string): { hue: number; path: string } {
  const h = fnv1a(seed);
  // Joined once, not built with +=: a flat string, where += leaves a chain of pieces in the heap
  // for as long as the avatar is shown.
  const cells: string[] = [];
  for (let bit = 0; bit < 15; bit++) {
    if (!((h >>> bit) & 1)) continue;
    const x = Math.floor(bit / 5);
    const y = bit % 5;
    cells.push(`M${x} ${y}h1v1h-1z`);
    if (x < 2) cells.push(`M${4 - x} ${y}h1v1h-1z`);
  }
  return { hue: (h >>> 15) % 360, path: cells.join('') };
}

/** The avatar for a comment: `<img>` for an `avatarUrl`, else the identicon. */
export function renderAvatar(
  comment: { avatarSeed: string; avatarUrl?: string | null | undefined },
  name: string,
): TemplateResult {
  if (comment.avatarUrl) {
    return html`<img
      part="avatar"
      class="avatar"
      src=${comment.avatarUrl}
      alt=${name}
      width="36"
      height="36"
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
    />`;
  }
  const { hue, path } = identicon(comment.avatarSeed);
  // Static sizes and the path in the same template: two attributes and a nested template less to
  // render for each comment.
  return html`<svg
    part="avatar"
    class="avatar identicon"
    viewBox="-0.5 -0.5 6 6"
    width="36"
    height="36"
    aria-hidden="true"
    focusable="false"
    style="--_hue:${hue}"
  ><path d=${path} /></svg>`;
}
