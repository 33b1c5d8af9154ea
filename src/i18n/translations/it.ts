/** Italian (Italiano). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const it: Translation = {
  $code: 'it',
  $name: 'Italiano',
  $dir: 'ltr',

  leaveReply: 'Lascia un commento',
  leaveReplyTo: (name) => `Rispondi a ${name}`,
  cancelReply: 'Annulla risposta',
  emailNotPublished: 'Il tuo indirizzo email non sarà pubblicato.',
  requiredFieldsMarked: 'I campi obbligatori sono contrassegnati con *',
  commentLabel: 'Commento',
  nameLabel: 'Nome',
  emailLabel: 'Email',
  websiteLabel: 'Sito web',
  saveDetails: 'Salva il mio nome, email e sito web in questo browser per la prossima volta che commento.',
  postComment: 'Invia commento',
  preview: 'Anteprima',
  write: 'Scrivi',
  nothingToPreview: 'Niente da mostrare in anteprima.',
  posting: 'Invio in corso…',
  commentsClosed: 'I commenti sono chiusi.',
  commentCount: (n) => plural('it', n, { one: '# commento', other: '# commenti' }),
  comments: 'Commenti',
  heldCount: (n) => `${n} in attesa di moderazione`,
  loading: 'Caricamento dei commenti…',
  noComments: 'Ancora nessun commento. Lascia tu il primo.',
  loadError: 'Non è stato possibile caricare i commenti.',
  retry: 'Riprova',
  loadMore: 'Carica altri commenti',
  loadingMore: 'Caricamento di altri commenti…',
  reply: 'Rispondi',
  replyTo: (name) => `Rispondi a ${name}`,
  awaitingModeration: 'Il tuo commento è in attesa di moderazione.',
  browserOnly: 'I commenti di questa pagina sono conservati solo in questo browser; gli altri lettori non li vedono.',
  commentPosted: 'Il tuo commento è stato pubblicato.',
  commentHeld: 'Il tuo commento è stato inviato ed è in attesa di moderazione.',
  savedOffline: 'Salvato; il tuo commento verrà inviato quando sarai di nuovo online.',
  draftNotSaved: 'La bozza non può essere salvata in questo browser.',
  newComments: (n) => plural('it', n, { one: '# nuovo commento', other: '# nuovi commenti' }),
  anonymous: 'Anonimo',
  fixErrors: (n) => plural('it', n, { one: 'Correggi l’errore nel modulo.', other: 'Correggi i # errori nel modulo.' }),

  errors: {
    required: (field) => `Compila il campo “${field}”.`,
    tooLong: (field, max) => `“${field}” è troppo lungo (massimo ${max} caratteri).`,
    invalidEmail: () => 'Inserisci un indirizzo email valido.',
    invalidUrl: () => 'Inserisci un indirizzo web valido, per esempio https://example.com.',
    unsafeUrl: () => 'Sono ammessi solo indirizzi web che iniziano con http:// o https://.',
    invalidText: (field) => `“${field}” contiene caratteri che non possono essere salvati.`,
    invalidParent: () => 'Il commento a cui stai rispondendo non esiste più.',
    invalidType: (field) => `“${field}” ha un valore del tipo sbagliato.`,
    unknownField: () => 'Il modulo ha inviato un campo che il server non accetta.',
  },

  failures: {
    network: 'Impossibile raggiungere il server dei commenti. Controlla la connessione e riprova.',
    invalid: 'Il commento non è stato accettato. Controlla il modulo.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Stai pubblicando commenti troppo velocemente. Rallenta un po’.'
        : `Stai pubblicando commenti troppo velocemente. Attendi ${plural('it', s, { one: '# secondo', other: '# secondi' })} e riprova.`,
    conflict: 'Rilevato un commento duplicato; sembra che tu abbia già scritto questo!',
    unauthorized: 'Non hai il permesso di commentare qui.',
    unavailable: 'Il servizio dei commenti non è disponibile al momento. Riprova più tardi.',
    closed: 'Spiacenti, i commenti sono chiusi per questo contenuto.',
    'not-found': 'Questa discussione non è stata trovata.',
    aborted: 'La richiesta è stata annullata.',
    timeout: 'Il servizio dei commenti ha impiegato troppo tempo a rispondere. Riprova.',
    'bad-response': 'Il servizio dei commenti ha inviato una risposta illeggibile.',
    storageFull: 'Lo spazio di archiviazione di questo browser è pieno, quindi il commento non è stato salvato.',
    idempotencyMismatch: 'Questo commento è cambiato durante l’invio. Pubblicalo di nuovo.',
    anonymousDisabled:
      'Questo sito non accetta commenti da visitatori non collegati. Il proprietario del sito deve consentire i commenti anonimi.',
    duplicate: 'Rilevato un commento duplicato; sembra che tu abbia già scritto questo!',
    tooLong: 'Il commento è troppo lungo.',
  },
};

registerTranslation(it);
export default it;
