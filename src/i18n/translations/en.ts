/**
 * English: the fallback for every other locale, and WordPress's own strings where it has one.
 * Parameters and plurals are functions so that a missing or misspelled key is a type error.
 */
import type { Translation } from '../localize.js';

const en: Translation = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  leaveReply: 'Leave a Reply',
  leaveReplyTo: (name) => `Leave a Reply to ${name}`,
  cancelReply: 'Cancel reply',
  emailNotPublished: 'Your email address will not be published.',
  requiredFieldsMarked: 'Required fields are marked *',
  commentLabel: 'Comment',
  nameLabel: 'Name',
  emailLabel: 'Email',
  websiteLabel: 'Website',
  saveDetails: 'Save my name, email, and website in this browser for the next time I comment.',
  notifyReplies: 'Notify me of follow-up comments by email.',
  notifyConfirm: 'New addresses get one email to confirm first.',
  postComment: 'Post Comment',
  preview: 'Preview',
  write: 'Write',
  nothingToPreview: 'Nothing to preview.',
  posting: 'Posting…',
  commentsClosed: 'Comments are closed.',
  commentCount: (n) => (n === 1 ? '1 Comment' : `${n} Comments`),
  comments: 'Comments',
  heldCount: (n) => `${n} awaiting moderation`,
  loading: 'Loading comments…',
  noComments: 'No comments yet. Be the first to leave a reply.',
  loadError: 'Comments could not be loaded.',
  retry: 'Retry',
  loadMore: 'Load more comments',
  loadingMore: 'Loading more comments…',
  reply: 'Reply',
  replyTo: (name) => `Reply to ${name}`,
  inReplyTo: (name) => `in reply to ${name}`,
  awaitingModeration: 'Your comment is awaiting moderation.',
  edit: 'Edit',
  editLabel: 'Edit your comment',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  confirmDelete: 'Delete this comment?',
  deleted: 'This comment was deleted.',
  edited: 'edited',
  ownerBadge: 'Author',
  commentUpdated: 'Comment updated.',
  commentDeleted: 'Comment deleted.',
  browserOnly: 'Comments on this page are kept in this browser only; other readers do not see them.',
  commentPosted: 'Your comment was posted.',
  commentHeld: 'Your comment was sent and is awaiting moderation.',
  savedOffline: 'Saved; your comment will be sent when you are back online.',
  draftNotSaved: 'Your draft can’t be saved in this browser.',
  newComments: (n) => (n === 1 ? '1 new comment' : `${n} new comments`),
  anonymous: 'Anonymous',
  fixErrors: (n) => (n === 1 ? 'Please correct the error in the form.' : `Please correct the ${n} errors in the form.`),

  errors: {
    required: (field) => `Please fill in ${field}.`,
    tooLong: (field, max) => `${field} is too long (${max} characters at most).`,
    invalidEmail: () => 'Please enter a valid email address.',
    invalidUrl: () => 'Please enter a valid web address, such as https://example.com.',
    unsafeUrl: () => 'Only web addresses that start with http:// or https:// are allowed.',
    invalidText: (field) => `${field} contains characters that cannot be stored.`,
    invalidParent: () => 'The comment you are replying to no longer exists.',
    invalidType: (field) => `${field} has a value of the wrong kind.`,
    unknownField: () => 'The form sent a field the server does not accept.',
  },

  failures: {
    network: 'Could not reach the comment server. Check your connection and try again.',
    invalid: 'The comment was not accepted. Please check the form.',
    'rate-limited': (seconds) =>
      seconds === undefined
        ? 'You are posting comments too quickly. Slow down.'
        : `You are posting comments too quickly. Please wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'} and try again.`,
    conflict: 'Duplicate comment detected; it looks as though you’ve already said that!',
    unauthorized: 'You are not allowed to post comments here.',
    unavailable: 'The comment service is unavailable right now. Please try again later.',
    closed: 'Sorry, comments are closed for this item.',
    'not-found': 'This discussion could not be found.',
    aborted: 'The request was cancelled.',
    timeout: 'The comment service took too long to answer. Please try again.',
    'bad-response': 'The comment service sent an answer that could not be read.',
    storageFull: 'This browser’s storage is full, so the comment could not be saved.',
    idempotencyMismatch: 'This comment changed while it was being sent. Please post it again.',
    anonymousDisabled:
      'This site does not accept comments from visitors who are not logged in. The site owner must allow anonymous comments.',
    duplicate: 'Duplicate comment detected; it looks as though you’ve already said that!',
    tooLong: 'The comment is too long.',
    editWindowClosed: 'The time to change this comment has passed.',
    notAuthor: 'Only its author can change this comment.',
    gone: 'This comment was deleted.',
  },
};

// Built in: localize.ts registers English as the fallback, so importing this module (as
// `comment-box/translations/en.js`) is never needed, and harmless.
export default en;
