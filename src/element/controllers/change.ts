/**
 * Saving an edit and deleting, for the editing controller: loaded with the forms on the first Edit or
 * Delete (most readers never change a comment, so most never download this).
 */
import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';
import { CommentAdapterError, type CommentAdapter } from '../../adapters/types.js';
import { commentSchema, editSchema, fieldErrors, type Comment } from '../../schema.js';
import { loadRenderers } from '../body/renderers.js';
import { CommentBoxErrorEvent } from '../events.js';
import { callAdapter } from './adapter-call.js';
import type { ChangeContext, EditingController } from './editing-controller.js';

export { renderDeleteQuestion, renderEditForm } from '../templates/change-forms.js';

/** What deleting answers: the placeholder of a comment with replies, or null. */
const placeholderSchema = z.nullable(commentSchema);

/** The selector of a comment's article (what focus goes to after a change). */
const articleOf = (id: string) => `#comment-${CSS.escape(id)} > article`;

/** Saves the edited text (validated as a post's text first). */
export async function save(editing: EditingController, context: ChangeContext): Promise<void> {
  const id = editing.editing;
  if (id === null || editing.busy) return;
  const parsed = editSchema.safeParse({ content: editing.text });
  if (!parsed.success) {
    context.fail(
      new CommentAdapterError('invalid', 'The comment is not valid.', { fields: fieldErrors(parsed.error.issues) }),
    );
    return;
  }
  await run(
    editing,
    context,
    async (adapter, signal) => adapter.edit!(context.source.thread, id, parsed.data, { signal }),
    commentSchema,
    (comment) => {
      context.thread.replace(comment);
      context.set({ editing: null, text: '' });
      context.source.announce(context.source.translation.commentUpdated);
      context.source.focusAfterRender = articleOf(id);
    },
  );
}

/** Deletes the comment asked about. */
export async function confirmDelete(editing: EditingController, context: ChangeContext): Promise<void> {
  const id = editing.deleting;
  if (id === null || editing.busy) return;
  const parentId = context.thread.comments.find((c) => c.id === id)?.parentId ?? null;
  await run(
    editing,
    context,
    (adapter, signal) => adapter.remove!(context.source.thread, id, { signal }),
    placeholderSchema,
    (placeholder) => {
      if (placeholder) context.thread.replace(placeholder);
      else context.thread.remove(id);
      context.set({ deleting: null });
      context.source.announce(context.source.translation.commentDeleted);
      // The placeholder, or the comment it answered, or the list's heading.
      const parent = parentId && context.thread.comments.some((c) => c.id === parentId) ? parentId : null;
      context.source.focusAfterRender = placeholder ? articleOf(id) : parent ? articleOf(parent) : '#comments-title';
    },
  );
}

async function run<T extends Comment | null>(
  editing: EditingController,
  context: ChangeContext,
  call: (adapter: CommentAdapter, signal: AbortSignal) => Promise<unknown>,
  schema: ZodMiniType<T>,
  done: (value: T) => void,
): Promise<void> {
  const source = context.source;
  const controller = new AbortController();
  editing.inFlight = controller;
  context.set({ busy: true, error: null });
  try {
    const value = await callAdapter(source, source.adapter, controller, schema, call);
    if (value) await loadRenderers([value]);
    if (controller.signal.aborted) return;
    done(value);
  } catch (error) {
    const err = CommentAdapterError.from(error);
    if (err.code !== 'aborted') context.fail(err);
    context.host.dispatchEvent(new CommentBoxErrorEvent(err, 'change'));
  } finally {
    if (editing.inFlight === controller) context.set({ busy: false });
  }
}
