/** Polish (Polski). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const pl: Translation = {
  $code: 'pl',
  $name: 'Polski',
  $dir: 'ltr',

  leaveReply: 'Dodaj komentarz',
  leaveReplyTo: (name) => `Odpowiedz: ${name}`,
  cancelReply: 'Anuluj pisanie odpowiedzi',
  emailNotPublished: 'Twój adres e-mail nie zostanie opublikowany.',
  requiredFieldsMarked: 'Wymagane pola są oznaczone *',
  commentLabel: 'Komentarz',
  nameLabel: 'Imię',
  emailLabel: 'E-mail',
  websiteLabel: 'Witryna internetowa',
  saveDetails: 'Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.',
  notifyReplies: 'Powiadom mnie o kolejnych komentarzach przez e-mail.',
  notifyConfirm: 'Nowy adres otrzyma najpierw e-mail z prośbą o potwierdzenie.',
  postComment: 'Opublikuj komentarz',
  preview: 'Podgląd',
  write: 'Pisanie',
  nothingToPreview: 'Brak treści do podglądu.',
  posting: 'Publikowanie…',
  commentsClosed: 'Możliwość komentowania została wyłączona.',
  commentCount: (n) =>
    plural('pl', n, { one: '1 komentarz', few: '# komentarze', many: '# komentarzy', other: '# komentarza' }),
  comments: 'Komentarze',
  heldCount: (n) =>
    plural('pl', n, {
      one: '1 komentarz oczekuje na moderację',
      few: '# komentarze oczekują na moderację',
      many: '# komentarzy oczekuje na moderację',
      other: '# komentarza oczekuje na moderację',
    }),
  loading: 'Wczytywanie komentarzy…',
  noComments: 'Nie ma jeszcze komentarzy. Dodaj pierwszy.',
  loadError: 'Nie udało się wczytać komentarzy.',
  retry: 'Spróbuj ponownie',
  loadMore: 'Wczytaj więcej komentarzy',
  loadingMore: 'Wczytywanie kolejnych komentarzy…',
  reply: 'Odpowiedz',
  replyTo: (name) => `Odpowiedz: ${name}`,
  inReplyTo: (name) => `w odpowiedzi: ${name}`,
  awaitingModeration: 'Twój komentarz oczekuje na moderację.',
  edit: 'Edytuj',
  editLabel: 'Edytuj swój komentarz',
  save: 'Zapisz',
  cancel: 'Anuluj',
  delete: 'Usuń',
  confirmDelete: 'Usunąć ten komentarz?',
  deleted: 'Ten komentarz został usunięty.',
  edited: 'edytowano',
  ownerBadge: 'Autor',
  commentUpdated: 'Komentarz zaktualizowany.',
  commentDeleted: 'Komentarz usunięty.',
  browserOnly: 'Komentarze na tej stronie są przechowywane tylko w tej przeglądarce; inni czytelnicy ich nie widzą.',
  commentPosted: 'Twój komentarz został opublikowany.',
  commentHeld: 'Twój komentarz został wysłany i oczekuje na moderację.',
  savedOffline: 'Zapisano; komentarz zostanie wysłany, gdy znów będziesz online.',
  draftNotSaved: 'Nie można zapisać szkicu w tej przeglądarce.',
  newComments: (n) =>
    plural('pl', n, {
      one: '1 nowy komentarz',
      few: '# nowe komentarze',
      many: '# nowych komentarzy',
      other: '# nowego komentarza',
    }),
  anonymous: 'Anonim',
  fixErrors: (n) =>
    plural('pl', n, {
      one: 'Popraw błąd w formularzu.',
      few: 'Popraw # błędy w formularzu.',
      many: 'Popraw # błędów w formularzu.',
      other: 'Popraw błędy w formularzu (#).',
    }),

  errors: {
    required: (field) => `Wypełnij pole „${field}”.`,
    tooLong: (field, max) => `Pole „${field}” jest za długie (maksymalnie ${max} znaków).`,
    invalidEmail: () => 'Podaj prawidłowy adres e-mail.',
    invalidUrl: () => 'Podaj prawidłowy adres internetowy, np. https://example.com.',
    unsafeUrl: () => 'Dozwolone są tylko adresy internetowe zaczynające się od http:// lub https://.',
    invalidText: (field) => `Pole „${field}” zawiera znaki, których nie można zapisać.`,
    invalidParent: () => 'Komentarz, na który odpowiadasz, już nie istnieje.',
    invalidType: (field) => `Pole „${field}” ma wartość niewłaściwego rodzaju.`,
    unknownField: () => 'Formularz wysłał pole, którego serwer nie przyjmuje.',
  },

  failures: {
    network: 'Nie można połączyć się z serwerem komentarzy. Sprawdź połączenie i spróbuj ponownie.',
    invalid: 'Komentarz nie został przyjęty. Sprawdź formularz.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Dodajesz komentarze zbyt szybko. Zwolnij trochę.'
        : `Dodajesz komentarze zbyt szybko. Odczekaj ${plural('pl', s, { one: '1 sekundę', few: '# sekundy', many: '# sekund', other: '# sekundy' })} i spróbuj ponownie.`,
    conflict: 'Wykryto zduplikowany komentarz. Wygląda na to, że już to napisałeś!',
    unauthorized: 'Nie masz uprawnień do komentowania tutaj.',
    unavailable: 'Usługa komentarzy jest teraz niedostępna. Spróbuj ponownie później.',
    closed: 'Niestety, komentowanie tego wpisu zostało wyłączone.',
    'not-found': 'Nie znaleziono tej dyskusji.',
    aborted: 'Żądanie zostało anulowane.',
    timeout: 'Usługa komentarzy odpowiadała zbyt długo. Spróbuj ponownie.',
    'bad-response': 'Usługa komentarzy przysłała odpowiedź, której nie można odczytać.',
    storageFull: 'Pamięć tej przeglądarki jest pełna, więc nie udało się zapisać komentarza.',
    idempotencyMismatch: 'Komentarz zmienił się podczas wysyłania. Opublikuj go ponownie.',
    anonymousDisabled:
      'Ta witryna nie przyjmuje komentarzy od niezalogowanych odwiedzających. Właściciel witryny musi zezwolić na anonimowe komentarze.',
    duplicate: 'Wykryto zduplikowany komentarz. Wygląda na to, że już to napisałeś!',
    tooLong: 'Komentarz jest za długi.',
    editWindowClosed: 'Czas na zmianę tego komentarza minął.',
    notAuthor: 'Tylko autor może zmienić ten komentarz.',
    gone: 'Ten komentarz został usunięty.',
  },
};

registerTranslation(pl);
export default pl;
