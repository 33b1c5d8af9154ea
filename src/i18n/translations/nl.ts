/** Dutch (Nederlands), with WordPress's nl_NL strings for the form. Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const nl: Translation = {
  $code: 'nl',
  $name: 'Nederlands',
  $dir: 'ltr',

  leaveReply: 'Laat een reactie achter',
  leaveReplyTo: (name) => `Reageer op ${name}`,
  cancelReply: 'Reactie annuleren',
  emailNotPublished: 'Je e-mailadres wordt niet gepubliceerd.',
  requiredFieldsMarked: 'Vereiste velden zijn gemarkeerd met *',
  commentLabel: 'Reactie',
  nameLabel: 'Naam',
  emailLabel: 'E-mail',
  websiteLabel: 'Website',
  saveDetails:
    'Mijn naam, e-mail en website opslaan in deze browser voor de volgende keer wanneer ik een reactie plaats.',
  notifyReplies: 'Houd mij via e-mail op de hoogte van nieuwe reacties.',
  notifyConfirm: 'Een nieuw adres krijgt eerst één e-mail ter bevestiging.',
  postComment: 'Reactie plaatsen',
  preview: 'Voorbeeld',
  write: 'Schrijven',
  nothingToPreview: 'Er is nog niets om te bekijken.',
  posting: 'Bezig met plaatsen…',
  commentsClosed: 'Reacties zijn gesloten.',
  commentCount: (n) => plural('nl', n, { one: '1 reactie', other: '# reacties' }),
  comments: 'Reacties',
  heldCount: (n) => plural('nl', n, { one: '1 wacht op moderatie', other: '# wachten op moderatie' }),
  loading: 'Reacties laden…',
  noComments: 'Nog geen reacties. Laat als eerste een reactie achter.',
  loadError: 'De reacties konden niet worden geladen.',
  retry: 'Opnieuw proberen',
  loadMore: 'Meer reacties laden',
  loadingMore: 'Meer reacties laden…',
  reply: 'Reageren',
  replyTo: (name) => `Reageren op ${name}`,
  inReplyTo: (name) => `als reactie op ${name}`,
  awaitingModeration: 'Je reactie wacht op moderatie.',
  edit: 'Bewerken',
  editLabel: 'Je reactie bewerken',
  save: 'Opslaan',
  cancel: 'Annuleren',
  delete: 'Verwijderen',
  confirmDelete: 'Deze reactie verwijderen?',
  deleted: 'Deze reactie is verwijderd.',
  edited: 'bewerkt',
  ownerBadge: 'Auteur',
  commentUpdated: 'Reactie bijgewerkt.',
  commentDeleted: 'Reactie verwijderd.',
  browserOnly: 'Reacties op deze pagina worden alleen in deze browser bewaard; andere lezers zien ze niet.',
  commentPosted: 'Je reactie is geplaatst.',
  commentHeld: 'Je reactie is verzonden en wacht op moderatie.',
  savedOffline: 'Opgeslagen; je reactie wordt verzonden zodra je weer online bent.',
  draftNotSaved: 'Je concept kan niet in deze browser worden bewaard.',
  newComments: (n) => plural('nl', n, { one: '1 nieuwe reactie', other: '# nieuwe reacties' }),
  anonymous: 'Anoniem',
  fixErrors: (n) =>
    plural('nl', n, { one: 'Verbeter de fout in het formulier.', other: 'Verbeter de # fouten in het formulier.' }),

  errors: {
    required: (field) => `Vul het veld ${field} in.`,
    tooLong: (field, max) => `${field} is te lang (maximaal ${max} tekens).`,
    invalidEmail: () => 'Vul een geldig e-mailadres in.',
    invalidUrl: () => 'Vul een geldig webadres in, zoals https://example.com.',
    unsafeUrl: () => 'Alleen webadressen die beginnen met http:// of https:// zijn toegestaan.',
    invalidText: (field) => `${field} bevat tekens die niet kunnen worden opgeslagen.`,
    invalidParent: () => 'De reactie waarop je reageert, bestaat niet meer.',
    invalidType: (field) => `${field} heeft een waarde van de verkeerde soort.`,
    unknownField: () => 'Het formulier stuurde een veld dat de server niet accepteert.',
  },

  failures: {
    network: 'De reactieserver is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    invalid: 'De reactie is niet geaccepteerd. Controleer het formulier.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Je plaatst te snel reacties. Doe het wat rustiger aan.'
        : `Je plaatst te snel reacties. Wacht ${plural('nl', s, { one: '1 seconde', other: '# seconden' })} en probeer het opnieuw.`,
    conflict: 'Dubbele reactie gedetecteerd; het lijkt erop dat je dit al gezegd hebt!',
    unauthorized: 'Je mag hier geen reacties plaatsen.',
    unavailable: 'De reactiedienst is nu niet beschikbaar. Probeer het later opnieuw.',
    closed: 'Sorry, reacties zijn gesloten voor dit item.',
    'not-found': 'Deze discussie is niet gevonden.',
    aborted: 'Het verzoek is geannuleerd.',
    timeout: 'De reactiedienst deed er te lang over om te antwoorden. Probeer het opnieuw.',
    'bad-response': 'De reactiedienst stuurde een antwoord dat niet kon worden gelezen.',
    storageFull: 'De opslag van deze browser is vol, dus de reactie kon niet worden bewaard.',
    idempotencyMismatch: 'Deze reactie is gewijzigd tijdens het verzenden. Plaats haar opnieuw.',
    anonymousDisabled:
      'Deze site accepteert geen reacties van bezoekers die niet zijn ingelogd. De eigenaar van de site moet anonieme reacties toestaan.',
    duplicate: 'Dubbele reactie gedetecteerd; het lijkt erop dat je dit al gezegd hebt!',
    tooLong: 'De reactie is te lang.',
    editWindowClosed: 'De tijd om deze reactie te wijzigen is voorbij.',
    notAuthor: 'Alleen de schrijver kan deze reactie wijzigen.',
    gone: 'Deze reactie is verwijderd.',
  },
};

registerTranslation(nl);
export default nl;
