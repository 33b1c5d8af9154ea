/** Dutch notification texts (informal `je`, as the element's Dutch translation). */
import type { NotifyStrings } from '../i18n.js';

export const nl: NotifyStrings = {
  lang: 'nl',
  dir: 'ltr',
  confirmSubject: (site) => `Bevestig je e-mailadres voor reacties op ${site}`,
  confirmIntro: (site) =>
    `Iemand (hopelijk jij) heeft gevraagd om met dit adres per e-mail op de hoogte te blijven van antwoorden op een reactie op ${site}. Open deze link om dat te bevestigen:`,
  confirmAction: 'Mijn e-mailadres bevestigen',
  confirmIgnore: 'Was jij dit niet? Negeer dan deze e-mail: zonder bevestiging sturen we niets meer naar dit adres.',
  repliesSubject: (site, n) => (n === 1 ? `Nieuwe reactie op ${site}` : `${n} nieuwe reacties op ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `Er is een nieuwe reactie in een discussie die je volgt op ${site}:`
      : `Er zijn ${n} nieuwe reacties in een discussie die je volgt op ${site}:`,
  wrote: (name, date) => `${name} schreef (${date}):`,
  viewComment: 'Bekijk het op de pagina',
  whyYouGetThis: (site) =>
    `Je krijgt deze e-mail omdat je hebt gevraagd om op de hoogte te blijven van reacties op ${site}.`,
  unsubscribeThread: 'Geen e-mails meer over deze discussie',
  unsubscribeAll: (site) => `Geen e-mails meer van ${site}`,
  confirmTitle: 'Bevestig je e-mailadres',
  confirmPageText: (site) => `Bevestig dat je een e-mail wilt krijgen als iemand op je reacties op ${site} reageert.`,
  confirmButton: 'Ja, houd me op de hoogte van antwoorden',
  confirmedTitle: 'E-mailadres bevestigd',
  confirmedText:
    'Bedankt. Je krijgt een e-mail als iemand reageert. In elke e-mail staat een link om ermee te stoppen.',
  unsubscribeTitle: 'E-mails stopzetten',
  unsubscribeThreadText: 'Geen e-mails meer ontvangen over deze discussie?',
  unsubscribeAllText: (site) => `Helemaal geen e-mails meer ontvangen van de reacties op ${site}?`,
  unsubscribeButton: 'E-mails stopzetten',
  unsubscribedTitle: 'Klaar',
  unsubscribedText: 'Je krijgt deze e-mails niet meer.',
  invalidTitle: 'Deze link werkt niet',
  invalidText: 'De link is ongeldig of niet meer geldig. Er is niets gewijzigd.',
  followLink: 'Mail me bij elke nieuwe reactie in deze discussie',
  followTitle: 'De discussie volgen',
  followText:
    'Een e-mail krijgen bij elke nieuwe reactie in deze discussie, niet alleen bij antwoorden op die van jou?',
  followButton: 'Ja, de discussie volgen',
  followedText: 'Klaar: je hoort het voortaan bij elke nieuwe reactie in deze discussie.',
};
