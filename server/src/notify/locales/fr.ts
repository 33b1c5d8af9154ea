/** French notification texts. */
import type { NotifyStrings } from '../i18n.js';

export const fr: NotifyStrings = {
  lang: 'fr',
  dir: 'ltr',
  confirmSubject: (site) => `Confirmez votre adresse pour les réponses sur ${site}`,
  confirmIntro: (site) =>
    `Quelqu’un (sans doute vous) a demandé à être prévenu par e-mail des réponses à un commentaire sur ${site}, avec cette adresse. Pour confirmer, ouvrez ce lien :`,
  confirmAction: 'Confirmer mon adresse e-mail',
  confirmIgnore:
    'Si ce n’était pas vous, ignorez cet e-mail : rien d’autre ne sera envoyé à cette adresse sans confirmation.',
  repliesSubject: (site, n) => (n === 1 ? `Nouvelle réponse sur ${site}` : `${n} nouvelles réponses sur ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `Il y a un nouveau commentaire dans une discussion que vous suivez sur ${site} :`
      : `Il y a ${n} nouveaux commentaires dans une discussion que vous suivez sur ${site} :`,
  wrote: (name, date) => `${name} a écrit (${date}) :`,
  viewComment: 'Le voir sur la page',
  whyYouGetThis: (site) => `Vous recevez cet e-mail car vous avez demandé à être prévenu des réponses sur ${site}.`,
  unsubscribeThread: 'Ne plus recevoir d’e-mails sur cette discussion',
  unsubscribeAll: (site) => `Ne plus recevoir aucun e-mail de ${site}`,
  confirmTitle: 'Confirmez votre adresse e-mail',
  confirmPageText: (site) => `Confirmez que vous voulez être prévenu des réponses à vos commentaires sur ${site}.`,
  confirmButton: 'Oui, prévenez-moi des réponses',
  confirmedTitle: 'Adresse confirmée',
  confirmedText: 'Merci. Vous recevrez un e-mail à chaque réponse. Chaque e-mail contient un lien pour arrêter.',
  unsubscribeTitle: 'Arrêter les e-mails',
  unsubscribeThreadText: 'Ne plus recevoir d’e-mails sur cette discussion ?',
  unsubscribeAllText: (site) => `Ne plus recevoir aucun e-mail des commentaires de ${site} ?`,
  unsubscribeButton: 'Arrêter les e-mails',
  unsubscribedTitle: 'C’est fait',
  unsubscribedText: 'Vous ne recevrez plus ces e-mails.',
  invalidTitle: 'Ce lien ne fonctionne pas',
  invalidText: 'Le lien n’est pas valide, ou ne l’est plus. Rien n’a été modifié.',
  followLink: 'Me prévenir de chaque nouveau commentaire de cette discussion',
  followTitle: 'Suivre la discussion',
  followText:
    'Recevoir un e-mail pour chaque nouveau commentaire de cette discussion, pas seulement les réponses aux vôtres ?',
  followButton: 'Oui, suivre la discussion',
  followedText: 'C’est fait : vous serez prévenu de chaque nouveau commentaire de cette discussion.',
};
