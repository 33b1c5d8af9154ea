/** French (Français). Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const fr: Translation = {
  $code: 'fr',
  $name: 'Français',
  $dir: 'ltr',

  leaveReply: 'Laisser un commentaire',
  leaveReplyTo: (name) => `Répondre à ${name}`,
  cancelReply: 'Annuler la réponse',
  emailNotPublished: 'Votre adresse e-mail ne sera pas publiée.',
  requiredFieldsMarked: 'Les champs obligatoires sont indiqués avec *',
  commentLabel: 'Commentaire',
  nameLabel: 'Nom',
  emailLabel: 'E-mail',
  websiteLabel: 'Site web',
  saveDetails: 'Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.',
  notifyReplies: 'Prévenez-moi de tous les nouveaux commentaires par e-mail.',
  notifyConfirm: 'Une nouvelle adresse reçoit d’abord un e-mail de confirmation.',
  postComment: 'Laisser un commentaire',
  preview: 'Aperçu',
  write: 'Écrire',
  nothingToPreview: 'Rien à prévisualiser.',
  posting: 'Envoi en cours…',
  commentsClosed: 'Les commentaires sont fermés.',
  commentCount: (n) => plural('fr', n, { one: '# commentaire', other: '# commentaires' }),
  comments: 'Commentaires',
  heldCount: (n) => `${n} en attente de modération`,
  loading: 'Chargement des commentaires…',
  noComments: 'Aucun commentaire pour l’instant. Soyez le premier à réagir.',
  loadError: 'Les commentaires n’ont pas pu être chargés.',
  retry: 'Réessayer',
  loadMore: 'Afficher plus de commentaires',
  loadingMore: 'Chargement d’autres commentaires…',
  reply: 'Répondre',
  replyTo: (name) => `Répondre à ${name}`,
  inReplyTo: (name) => `en réponse à ${name}`,
  awaitingModeration: 'Votre commentaire est en attente de modération.',
  edit: 'Modifier',
  editLabel: 'Modifier votre commentaire',
  save: 'Enregistrer',
  cancel: 'Annuler',
  delete: 'Supprimer',
  confirmDelete: 'Supprimer ce commentaire ?',
  deleted: 'Ce commentaire a été supprimé.',
  edited: 'modifié',
  ownerBadge: 'Auteur',
  commentUpdated: 'Commentaire mis à jour.',
  commentDeleted: 'Commentaire supprimé.',
  browserOnly:
    'Les commentaires de cette page sont conservés dans ce navigateur uniquement ; les autres lecteurs ne les voient pas.',
  commentPosted: 'Votre commentaire a été publié.',
  commentHeld: 'Votre commentaire a été envoyé et est en attente de modération.',
  savedOffline: 'Enregistré ; votre commentaire sera envoyé dès que vous serez de nouveau en ligne.',
  draftNotSaved: 'Votre brouillon ne peut pas être enregistré dans ce navigateur.',
  newComments: (n) => plural('fr', n, { one: '# nouveau commentaire', other: '# nouveaux commentaires' }),
  anonymous: 'Anonyme',
  fixErrors: (n) =>
    plural('fr', n, {
      one: 'Veuillez corriger l’erreur du formulaire.',
      other: 'Veuillez corriger les # erreurs du formulaire.',
    }),

  errors: {
    required: (field) => `Veuillez remplir le champ « ${field} ».`,
    tooLong: (field, max) => `« ${field} » est trop long (${max} caractères au maximum).`,
    invalidEmail: () => 'Veuillez saisir une adresse e-mail valide.',
    invalidUrl: () => 'Veuillez saisir une adresse web valide, par exemple https://example.com.',
    unsafeUrl: () => 'Seules les adresses web commençant par http:// ou https:// sont autorisées.',
    invalidText: (field) => `« ${field} » contient des caractères qui ne peuvent pas être enregistrés.`,
    invalidParent: () => 'Le commentaire auquel vous répondez n’existe plus.',
    invalidType: (field) => `« ${field} » contient une valeur d’un type incorrect.`,
    unknownField: () => 'Le formulaire a envoyé un champ que le serveur n’accepte pas.',
  },

  failures: {
    network: 'Impossible de joindre le serveur de commentaires. Vérifiez votre connexion et réessayez.',
    invalid: 'Le commentaire n’a pas été accepté. Veuillez vérifier le formulaire.',
    'rate-limited': (s) =>
      s === undefined
        ? 'Vous publiez des commentaires trop rapidement. Ralentissez un peu.'
        : `Vous publiez des commentaires trop rapidement. Veuillez patienter ${plural('fr', s, { one: '# seconde', other: '# secondes' })} puis réessayer.`,
    conflict: 'Commentaire en double détecté ; il semble que vous ayez déjà dit cela !',
    unauthorized: 'Vous n’êtes pas autorisé à commenter ici.',
    unavailable: 'Le service de commentaires est indisponible pour le moment. Veuillez réessayer plus tard.',
    closed: 'Désolé, les commentaires sont fermés pour cet élément.',
    'not-found': 'Cette discussion est introuvable.',
    aborted: 'La requête a été annulée.',
    timeout: 'Le service de commentaires a mis trop de temps à répondre. Veuillez réessayer.',
    'bad-response': 'Le service de commentaires a envoyé une réponse illisible.',
    storageFull: 'Le stockage de ce navigateur est plein : le commentaire n’a pas pu être enregistré.',
    idempotencyMismatch: 'Ce commentaire a changé pendant son envoi. Veuillez le publier à nouveau.',
    anonymousDisabled:
      'Ce site n’accepte pas les commentaires des visiteurs non connectés. Le propriétaire du site doit autoriser les commentaires anonymes.',
    duplicate: 'Commentaire en double détecté ; il semble que vous ayez déjà dit cela !',
    tooLong: 'Le commentaire est trop long.',
    editWindowClosed: 'Le délai pour modifier ce commentaire est dépassé.',
    notAuthor: 'Seul son auteur peut modifier ce commentaire.',
    gone: 'Ce commentaire a été supprimé.',
  },
};

registerTranslation(fr);
export default fr;
