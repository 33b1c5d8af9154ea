/** English notification texts (complete: every other locale is checked against its keys). */
import type { NotifyStrings } from '../i18n.js';

export const en: NotifyStrings = {
  lang: 'en',
  dir: 'ltr',
  confirmSubject: (site) => `Confirm your email for comment replies on ${site}`,
  confirmIntro: (site) =>
    `Someone (hopefully you) asked to be emailed about replies to a comment on ${site}, with this address. To confirm, open this link:`,
  confirmAction: 'Confirm my email address',
  confirmIgnore:
    'If it was not you, ignore this email: nothing else will be sent to this address unless it is confirmed.',
  repliesSubject: (site, n) => (n === 1 ? `New reply on ${site}` : `${n} new replies on ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `There is a new comment in a discussion you follow on ${site}:`
      : `There are ${n} new comments in a discussion you follow on ${site}:`,
  wrote: (name, date) => `${name} wrote (${date}):`,
  viewComment: 'See it on the page',
  whyYouGetThis: (site) => `You get this email because you asked to be notified of replies on ${site}.`,
  unsubscribeThread: 'Stop emails about this discussion',
  unsubscribeAll: (site) => `Stop all emails from ${site}`,
  confirmTitle: 'Confirm your email address',
  confirmPageText: (site) => `Confirm that you want emails about replies to your comments on ${site}.`,
  confirmButton: 'Yes, email me about replies',
  confirmedTitle: 'Email address confirmed',
  confirmedText: 'Thank you. You will get an email when someone replies. Every email has a link to stop them.',
  unsubscribeTitle: 'Stop emails',
  unsubscribeThreadText: 'Stop the emails about this discussion?',
  unsubscribeAllText: (site) => `Stop every email from the comments of ${site}?`,
  unsubscribeButton: 'Stop the emails',
  unsubscribedTitle: 'Done',
  unsubscribedText: 'You will get no more of these emails.',
  invalidTitle: 'This link does not work',
  invalidText: 'The link is not valid, or no longer valid. Nothing was changed.',
  followLink: 'Email me about every new comment in this discussion',
  followTitle: 'Follow the discussion',
  followText: 'Get an email about every new comment in this discussion, not only the replies to yours?',
  followButton: 'Yes, follow the discussion',
  followedText: 'Done: you will hear about every new comment in this discussion.',
};
