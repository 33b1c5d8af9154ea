/** German (Deutsch). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const de: Translation = {
  $code: 'de',
  $name: 'Deutsch',
  $dir: 'ltr',

  leaveReply: 'Schreibe einen Kommentar',
  leaveReplyTo: (name) => `Antworte auf ${name}`,
  cancelReply: 'Antworten abbrechen',
  emailNotPublished: 'Deine E-Mail-Adresse wird nicht veröffentlicht.',
  requiredFieldsMarked: 'Erforderliche Felder sind mit * markiert',
  commentLabel: 'Kommentar',
  nameLabel: 'Name',
  emailLabel: 'E-Mail',
  websiteLabel: 'Website',
  saveDetails:
    'Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die nächste Kommentierung speichern.',
  notifyReplies: 'Benachrichtige mich über nachfolgende Kommentare per E-Mail.',
  notifyConfirm: 'Neue Adressen erhalten zuerst eine E-Mail zur Bestätigung.',
  postComment: 'Kommentar abschicken',
  preview: 'Vorschau',
  write: 'Schreiben',
  nothingToPreview: 'Nichts für die Vorschau vorhanden.',
  posting: 'Wird gesendet …',
  commentsClosed: 'Die Kommentarfunktion ist geschlossen.',
  commentCount: (n) => plural('de', n, { one: '1 Kommentar', other: '# Kommentare' }),
  comments: 'Kommentare',
  heldCount: (n) => plural('de', n, { one: '1 wartet auf Freigabe', other: '# warten auf Freigabe' }),
  loading: 'Kommentare werden geladen …',
  noComments: 'Noch keine Kommentare. Schreibe den ersten!',
  loadError: 'Die Kommentare konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  loadMore: 'Weitere Kommentare laden',
  loadingMore: 'Weitere Kommentare werden geladen …',
  reply: 'Antworten',
  replyTo: (name) => `Antworten an ${name}`,
  inReplyTo: (name) => `Antwort an ${name}`,
  awaitingModeration: 'Dein Kommentar muss noch freigegeben werden.',
  edit: 'Bearbeiten',
  editLabel: 'Deinen Kommentar bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  delete: 'Löschen',
  confirmDelete: 'Diesen Kommentar löschen?',
  deleted: 'Dieser Kommentar wurde gelöscht.',
  edited: 'bearbeitet',
  ownerBadge: 'Autor',
  commentUpdated: 'Kommentar aktualisiert.',
  commentDeleted: 'Kommentar gelöscht.',
  browserOnly: 'Kommentare auf dieser Seite werden nur in diesem Browser gespeichert; andere Leser sehen sie nicht.',
  commentPosted: 'Dein Kommentar wurde veröffentlicht.',
  commentHeld: 'Dein Kommentar wurde gesendet und muss noch freigegeben werden.',
  savedOffline: 'Gespeichert; dein Kommentar wird gesendet, sobald du wieder online bist.',
  draftNotSaved: 'Dein Entwurf kann in diesem Browser nicht gespeichert werden.',
  newComments: (n) => plural('de', n, { one: '1 neuer Kommentar', other: '# neue Kommentare' }),
  anonymous: 'Anonym',
  fixErrors: (n) =>
    plural('de', n, {
      one: 'Bitte korrigiere den Fehler im Formular.',
      other: 'Bitte korrigiere die # Fehler im Formular.',
    }),

  errors: {
    required: (field) => `Bitte fülle das Feld „${field}“ aus.`,
    tooLong: (field, max) => `„${field}“ ist zu lang (höchstens ${max} Zeichen).`,
    invalidEmail: () => 'Bitte gib eine gültige E-Mail-Adresse ein.',
    invalidUrl: () => 'Bitte gib eine gültige Webadresse ein, zum Beispiel https://example.com.',
    unsafeUrl: () => 'Nur Webadressen, die mit http:// oder https:// beginnen, sind erlaubt.',
    invalidText: (field) => `„${field}“ enthält Zeichen, die nicht gespeichert werden können.`,
    invalidParent: () => 'Der Kommentar, auf den du antwortest, existiert nicht mehr.',
    invalidType: (field) => `„${field}“ hat einen Wert der falschen Art.`,
    unknownField: () => 'Das Formular hat ein Feld gesendet, das der Server nicht annimmt.',
  },

  failures: {
    network: 'Der Kommentar-Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    invalid: 'Der Kommentar wurde nicht angenommen. Bitte prüfe das Formular.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Du schreibst Kommentare zu schnell hintereinander. Bitte etwas langsamer.'
        : `Du schreibst Kommentare zu schnell hintereinander. Bitte warte ${plural('de', s, { one: '1 Sekunde', other: '# Sekunden' })} und versuche es erneut.`,
    conflict: 'Doppelter Kommentar entdeckt. Es sieht so aus, als hättest du das schon einmal geschrieben!',
    unauthorized: 'Du darfst hier keine Kommentare schreiben.',
    unavailable: 'Der Kommentardienst ist gerade nicht verfügbar. Bitte versuche es später erneut.',
    closed: 'Die Kommentarfunktion für diesen Beitrag ist leider geschlossen.',
    'not-found': 'Diese Diskussion wurde nicht gefunden.',
    aborted: 'Die Anfrage wurde abgebrochen.',
    timeout: 'Der Kommentardienst hat zu lange nicht geantwortet. Bitte versuche es erneut.',
    'bad-response': 'Der Kommentardienst hat eine unlesbare Antwort geschickt.',
    storageFull: 'Der Speicher dieses Browsers ist voll, daher konnte der Kommentar nicht gespeichert werden.',
    idempotencyMismatch: 'Der Kommentar hat sich beim Senden geändert. Bitte schicke ihn noch einmal ab.',
    anonymousDisabled:
      'Diese Website nimmt keine Kommentare von nicht angemeldeten Besuchern an. Der Betreiber muss anonyme Kommentare erlauben.',
    duplicate: 'Doppelter Kommentar entdeckt. Es sieht so aus, als hättest du das schon einmal geschrieben!',
    tooLong: 'Der Kommentar ist zu lang.',
    editWindowClosed: 'Die Zeit zum Ändern dieses Kommentars ist abgelaufen.',
    notAuthor: 'Nur die Person, die ihn geschrieben hat, kann diesen Kommentar ändern.',
    gone: 'Dieser Kommentar wurde gelöscht.',
  },
};

registerTranslation(de);
export default de;
