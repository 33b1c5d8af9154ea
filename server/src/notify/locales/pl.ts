/**
 * Polish notification texts (informal `Ty`, as the element's Polish translation). Counts take
 * Polish plural forms (1 odpowiedź, 2 odpowiedzi, 5 odpowiedzi); no sentence depends on the
 * reader's gender.
 */
import type { NotifyStrings } from '../i18n.js';
import { plural } from './plural.js';

export const pl: NotifyStrings = {
  lang: 'pl',
  dir: 'ltr',
  confirmSubject: (site) => `Potwierdź swój adres e-mail do powiadomień o odpowiedziach w serwisie ${site}`,
  confirmIntro: (site) =>
    `Ktoś (mamy nadzieję, że Ty) poprosił o powiadomienia e-mailem na ten adres o odpowiedziach na komentarz w serwisie ${site}. Aby to potwierdzić, otwórz ten link:`,
  confirmAction: 'Potwierdź mój adres e-mail',
  confirmIgnore:
    'Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nic więcej nie zostanie wysłane na ten adres.',
  repliesSubject: (site, n) =>
    `${plural('pl', n, { one: 'Nowa odpowiedź', few: '# nowe odpowiedzi', many: '# nowych odpowiedzi', other: '# nowej odpowiedzi' })} w serwisie ${site}`,
  repliesIntro: (site, n) =>
    `W dyskusji, którą obserwujesz w serwisie ${site}, ${plural('pl', n, {
      one: 'pojawił się nowy komentarz',
      few: 'pojawiły się # nowe komentarze',
      many: 'pojawiło się # nowych komentarzy',
      other: 'pojawiło się # nowego komentarza',
    })}:`,
  wrote: (name, date) => `${name} pisze (${date}):`,
  viewComment: 'Zobacz na stronie',
  whyYouGetThis: (site) =>
    `Otrzymujesz tę wiadomość, bo na Twoją prośbę powiadamiamy Cię o odpowiedziach w serwisie ${site}.`,
  unsubscribeThread: 'Wyłącz e-maile o tej dyskusji',
  unsubscribeAll: (site) => `Wyłącz wszystkie e-maile z serwisu ${site}`,
  confirmTitle: 'Potwierdź swój adres e-mail',
  confirmPageText: (site) =>
    `Potwierdź, że chcesz otrzymywać e-maile o odpowiedziach na Twoje komentarze w serwisie ${site}.`,
  confirmButton: 'Tak, powiadamiaj mnie o odpowiedziach',
  confirmedTitle: 'Adres e-mail potwierdzony',
  confirmedText:
    'Dziękujemy. Gdy ktoś odpowie, dostaniesz e-mail. Każda wiadomość zawiera link do wyłączenia powiadomień.',
  unsubscribeTitle: 'Wyłącz e-maile',
  unsubscribeThreadText: 'Wyłączyć e-maile o tej dyskusji?',
  unsubscribeAllText: (site) => `Wyłączyć wszystkie e-maile z komentarzy w serwisie ${site}?`,
  unsubscribeButton: 'Wyłącz e-maile',
  unsubscribedTitle: 'Gotowe',
  unsubscribedText: 'Nie będziesz już otrzymywać tych e-maili.',
  invalidTitle: 'Ten link nie działa',
  invalidText: 'Link jest nieprawidłowy lub stracił ważność. Nic nie zostało zmienione.',
  followLink: 'Powiadamiaj mnie e-mailem o każdym nowym komentarzu w tej dyskusji',
  followTitle: 'Obserwuj dyskusję',
  followText: 'Otrzymywać e-mail o każdym nowym komentarzu w tej dyskusji, a nie tylko o odpowiedziach na Twoje?',
  followButton: 'Tak, obserwuj dyskusję',
  followedText: 'Gotowe: dostaniesz powiadomienie o każdym nowym komentarzu w tej dyskusji.',
};
