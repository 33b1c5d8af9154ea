/**
 * The words of notification emails and pages. English is complete and the fallback; a locale that
 * is known here is used for a reader who asked in that language (their browser's
 * `Accept-Language` when they posted). Texts never contain what a commenter wrote: that is inserted,
 * made safe, by the callers (`text.ts`).
 */

export interface NotifyStrings {
  lang: string;
  // The confirmation email.
  confirmSubject: (site: string) => string;
  confirmIntro: (site: string) => string;
  confirmAction: string;
  confirmIgnore: string;
  // Reply notifications.
  repliesSubject: (site: string, n: number) => string;
  repliesIntro: (site: string, n: number) => string;
  wrote: (name: string, date: string) => string;
  viewComment: string;
  whyYouGetThis: (site: string) => string;
  unsubscribeThread: string;
  unsubscribeAll: (site: string) => string;
  // Pages.
  confirmTitle: string;
  confirmPageText: (site: string) => string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedText: string;
  unsubscribeTitle: string;
  unsubscribeThreadText: string;
  unsubscribeAllText: (site: string) => string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedText: string;
  invalidTitle: string;
  invalidText: string;
  // Following a whole discussion (every new comment, not only replies).
  followLink: string;
  followTitle: string;
  followText: string;
  followButton: string;
  followedText: string;
}

const en: NotifyStrings = {
  lang: 'en',
  confirmSubject: (site) => `Confirm your email for comment replies on ${site}`,
  confirmIntro: (site) =>
    `Someone (hopefully you) asked to be emailed about replies to a comment on ${site}, with this address. To confirm, open this link:`,
  confirmAction: 'Confirm my email address',
  confirmIgnore:
    'If it was not you, ignore this email: nothing else will be sent to this address unless it is confirmed.',
  repliesSubject: (site, n) => (n === 1 ? `New reply on ${site}` : `${n} new replies on ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `There is a new comment in a discussion you follow on ${site}:`
      : `There are ${n} new comments in a discussion you follow on ${site}:`,
  wrote: (name, date) => `${name} wrote (${date}):`,
  viewComment: 'See it on the page',
  whyYouGetThis: (site) => `You get this email because you asked to be notified of replies on ${site}.`,
  unsubscribeThread: 'Stop emails about this discussion',
  unsubscribeAll: (site) => `Stop all emails from ${site}`,
  confirmTitle: 'Confirm your email address',
  confirmPageText: (site) => `Confirm that you want emails about replies to your comments on ${site}.`,
  confirmButton: 'Yes, email me about replies',
  confirmedTitle: 'Email address confirmed',
  confirmedText: 'Thank you. You will get an email when someone replies. Every email has a link to stop them.',
  unsubscribeTitle: 'Stop emails',
  unsubscribeThreadText: 'Stop the emails about this discussion?',
  unsubscribeAllText: (site) => `Stop every email from the comments of ${site}?`,
  unsubscribeButton: 'Stop the emails',
  unsubscribedTitle: 'Done',
  unsubscribedText: 'You will get no more of these emails.',
  invalidTitle: 'This link does not work',
  invalidText: 'The link is not valid, or no longer valid. Nothing was changed.',
  followLink: 'Email me about every new comment in this discussion',
  followTitle: 'Follow the discussion',
  followText: 'Get an email about every new comment in this discussion, not only the replies to yours?',
  followButton: 'Yes, follow the discussion',
  followedText: 'Done: you will hear about every new comment in this discussion.',
};

const fr: NotifyStrings = {
  lang: 'fr',
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

const de: NotifyStrings = {
  lang: 'de',
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

const es: NotifyStrings = {
  lang: 'es',
  confirmSubject: (site) => `Confirma tu correo para las respuestas en ${site}`,
  confirmIntro: (site) =>
    `Alguien (seguramente tú) pidió recibir por correo las respuestas a un comentario en ${site}, con esta dirección. Para confirmarlo, abre este enlace:`,
  confirmAction: 'Confirmar mi dirección de correo',
  confirmIgnore: 'Si no fuiste tú, ignora este correo: no se enviará nada más a esta dirección sin confirmación.',
  repliesSubject: (site, n) => (n === 1 ? `Nueva respuesta en ${site}` : `${n} nuevas respuestas en ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `Hay un nuevo comentario en una conversación que sigues en ${site}:`
      : `Hay ${n} nuevos comentarios en una conversación que sigues en ${site}:`,
  wrote: (name, date) => `${name} escribió (${date}):`,
  viewComment: 'Verlo en la página',
  whyYouGetThis: (site) => `Recibes este correo porque pediste que te avisaran de las respuestas en ${site}.`,
  unsubscribeThread: 'No recibir más correos de esta conversación',
  unsubscribeAll: (site) => `No recibir ningún correo más de ${site}`,
  confirmTitle: 'Confirma tu dirección de correo',
  confirmPageText: (site) => `Confirma que quieres recibir avisos de respuestas a tus comentarios en ${site}.`,
  confirmButton: 'Sí, avísame de las respuestas',
  confirmedTitle: 'Dirección confirmada',
  confirmedText:
    'Gracias. Recibirás un correo cuando alguien responda. Cada correo tiene un enlace para dejar de recibirlos.',
  unsubscribeTitle: 'Dejar de recibir correos',
  unsubscribeThreadText: '¿Dejar de recibir correos sobre esta conversación?',
  unsubscribeAllText: (site) => `¿Dejar de recibir cualquier correo de los comentarios de ${site}?`,
  unsubscribeButton: 'Dejar de recibir correos',
  unsubscribedTitle: 'Hecho',
  unsubscribedText: 'No recibirás más estos correos.',
  invalidTitle: 'Este enlace no funciona',
  invalidText: 'El enlace no es válido, o ya no lo es. No se ha cambiado nada.',
  followLink: 'Avisarme de cada nuevo comentario de esta conversación',
  followTitle: 'Seguir la conversación',
  followText:
    '¿Recibir un correo por cada nuevo comentario de esta conversación, no solo por las respuestas a los tuyos?',
  followButton: 'Sí, seguir la conversación',
  followedText: 'Hecho: recibirás un aviso de cada nuevo comentario de esta conversación.',
};

const LOCALES: Record<string, NotifyStrings> = { en, fr, de, es };

/** The strings of `lang` (`fr`, `fr-CA` → `fr`), English when unknown. */
export function strings(lang: string | null | undefined): NotifyStrings {
  const code = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return LOCALES[code] ?? en;
}

/** The first language of an `Accept-Language` header that has strings here, or null. */
export function pickLanguage(header: string | undefined): string | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((e) => /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(e.tag) && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const code = tag.split('-')[0]!;
    if (LOCALES[code]) return code;
  }
  return null;
}
