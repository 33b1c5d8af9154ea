/** Spanish notification texts. */
import type { NotifyStrings } from '../i18n.js';

export const es: NotifyStrings = {
  lang: 'es',
  dir: 'ltr',
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
