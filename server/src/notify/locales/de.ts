/** German notification texts. */
import type { NotifyStrings } from '../i18n.js';

export const de: NotifyStrings = {
  lang: 'de',
  dir: 'ltr',
  confirmSubject: (site) => `Bestätigen Sie Ihre E-Mail-Adresse für Antworten auf ${site}`,
  confirmIntro: (site) =>
    `Jemand (hoffentlich Sie) möchte mit dieser Adresse per E-Mail über Antworten auf einen Kommentar auf ${site} benachrichtigt werden. Zum Bestätigen öffnen Sie diesen Link:`,
  confirmAction: 'Meine E-Mail-Adresse bestätigen',
  confirmIgnore:
    'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung wird nichts weiter an diese Adresse gesendet.',
  repliesSubject: (site, n) => (n === 1 ? `Neue Antwort auf ${site}` : `${n} neue Antworten auf ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `Es gibt einen neuen Kommentar in einer Diskussion, der Sie auf ${site} folgen:`
      : `Es gibt ${n} neue Kommentare in einer Diskussion, der Sie auf ${site} folgen:`,
  wrote: (name, date) => `${name} schrieb (${date}):`,
  viewComment: 'Auf der Seite ansehen',
  whyYouGetThis: (site) =>
    `Sie erhalten diese E-Mail, weil Sie um Benachrichtigung über Antworten auf ${site} gebeten haben.`,
  unsubscribeThread: 'Keine E-Mails mehr zu dieser Diskussion',
  unsubscribeAll: (site) => `Keine E-Mails mehr von ${site}`,
  confirmTitle: 'E-Mail-Adresse bestätigen',
  confirmPageText: (site) =>
    `Bestätigen Sie, dass Sie über Antworten auf Ihre Kommentare auf ${site} benachrichtigt werden möchten.`,
  confirmButton: 'Ja, über Antworten benachrichtigen',
  confirmedTitle: 'E-Mail-Adresse bestätigt',
  confirmedText: 'Danke. Sie erhalten eine E-Mail, wenn jemand antwortet. Jede E-Mail enthält einen Abmeldelink.',
  unsubscribeTitle: 'E-Mails abbestellen',
  unsubscribeThreadText: 'Keine E-Mails mehr zu dieser Diskussion erhalten?',
  unsubscribeAllText: (site) => `Keine E-Mails mehr von den Kommentaren auf ${site} erhalten?`,
  unsubscribeButton: 'E-Mails abbestellen',
  unsubscribedTitle: 'Erledigt',
  unsubscribedText: 'Sie erhalten diese E-Mails nicht mehr.',
  invalidTitle: 'Dieser Link funktioniert nicht',
  invalidText: 'Der Link ist ungültig oder nicht mehr gültig. Es wurde nichts geändert.',
  followLink: 'Mich über jeden neuen Kommentar dieser Diskussion benachrichtigen',
  followTitle: 'Der Diskussion folgen',
  followText: 'Eine E-Mail zu jedem neuen Kommentar dieser Diskussion erhalten, nicht nur zu Antworten auf Ihre?',
  followButton: 'Ja, der Diskussion folgen',
  followedText: 'Erledigt: Sie werden über jeden neuen Kommentar dieser Diskussion benachrichtigt.',
};
