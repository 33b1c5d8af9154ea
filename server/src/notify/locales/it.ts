/** Italian notification texts (informal `tu`, as the element's Italian translation). */
import type { NotifyStrings } from '../i18n.js';

export const it: NotifyStrings = {
  lang: 'it',
  dir: 'ltr',
  confirmSubject: (site) => `Conferma la tua email per le risposte su ${site}`,
  confirmIntro: (site) =>
    `Qualcuno (speriamo tu) ha chiesto di ricevere via email, a questo indirizzo, le risposte a un commento su ${site}. Per confermare, apri questo link:`,
  confirmAction: 'Conferma il mio indirizzo email',
  confirmIgnore: 'Se non eri tu, ignora questa email: senza conferma non verrà inviato nient’altro a questo indirizzo.',
  repliesSubject: (site, n) => (n === 1 ? `Nuova risposta su ${site}` : `${n} nuove risposte su ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `C’è un nuovo commento in una discussione che segui su ${site}:`
      : `Ci sono ${n} nuovi commenti in una discussione che segui su ${site}:`,
  wrote: (name, date) => `${name} ha scritto (${date}):`,
  viewComment: 'Vedilo sulla pagina',
  whyYouGetThis: (site) => `Ricevi questa email perché hai chiesto un avviso per le risposte su ${site}.`,
  unsubscribeThread: 'Non ricevere più email su questa discussione',
  unsubscribeAll: (site) => `Non ricevere più nessuna email da ${site}`,
  confirmTitle: 'Conferma il tuo indirizzo email',
  confirmPageText: (site) =>
    `Conferma che vuoi ricevere un’email quando qualcuno risponde ai tuoi commenti su ${site}.`,
  confirmButton: 'Sì, avvisami delle risposte',
  confirmedTitle: 'Indirizzo email confermato',
  confirmedText:
    'Grazie. Riceverai un’email quando qualcuno risponde. Ogni email contiene un link per non riceverne più.',
  unsubscribeTitle: 'Interrompi le email',
  unsubscribeThreadText: 'Non ricevere più email su questa discussione?',
  unsubscribeAllText: (site) => `Non ricevere più nessuna email dai commenti di ${site}?`,
  unsubscribeButton: 'Interrompi le email',
  unsubscribedTitle: 'Fatto',
  unsubscribedText: 'Non riceverai più queste email.',
  invalidTitle: 'Questo link non funziona',
  invalidText: 'Il link non è valido, o non lo è più. Non è stato modificato nulla.',
  followLink: 'Avvisami via email di ogni nuovo commento in questa discussione',
  followTitle: 'Segui la discussione',
  followText: 'Ricevere un’email per ogni nuovo commento in questa discussione, non solo per le risposte ai tuoi?',
  followButton: 'Sì, segui la discussione',
  followedText: 'Fatto: riceverai un avviso per ogni nuovo commento in questa discussione.',
};
