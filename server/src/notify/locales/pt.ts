/**
 * Portuguese notification texts, in the courteous third person of the element's Portuguese
 * translation (“o seu”, “Notifique-me”), which reads right in Portugal and in Brazil.
 */
import type { NotifyStrings } from '../i18n.js';

export const pt: NotifyStrings = {
  lang: 'pt',
  dir: 'ltr',
  confirmSubject: (site) => `Confirme o seu e-mail para receber respostas em ${site}`,
  confirmIntro: (site) =>
    `Alguém (esperamos que tenha sido você) pediu para receber por e-mail, neste endereço, as respostas a um comentário em ${site}. Para confirmar, abra este link:`,
  confirmAction: 'Confirmar o meu endereço de e-mail',
  confirmIgnore: 'Se não foi você, ignore este e-mail: nada mais será enviado para este endereço sem confirmação.',
  repliesSubject: (site, n) => (n === 1 ? `Nova resposta em ${site}` : `${n} novas respostas em ${site}`),
  repliesIntro: (site, n) =>
    n === 1
      ? `Há um novo comentário numa discussão que acompanha em ${site}:`
      : `Há ${n} novos comentários numa discussão que acompanha em ${site}:`,
  wrote: (name, date) => `${name} escreveu (${date}):`,
  viewComment: 'Ver na página',
  whyYouGetThis: (site) => `Recebe este e-mail porque pediu notificações de respostas em ${site}.`,
  unsubscribeThread: 'Deixar de receber e-mails sobre esta discussão',
  unsubscribeAll: (site) => `Deixar de receber todos os e-mails de ${site}`,
  confirmTitle: 'Confirme o seu endereço de e-mail',
  confirmPageText: (site) => `Confirme que quer receber e-mails sobre respostas aos seus comentários em ${site}.`,
  confirmButton: 'Sim, notifique-me das respostas',
  confirmedTitle: 'Endereço de e-mail confirmado',
  confirmedText:
    'Obrigado. Receberá um e-mail quando alguém responder. Cada e-mail tem um link para deixar de os receber.',
  unsubscribeTitle: 'Deixar de receber e-mails',
  unsubscribeThreadText: 'Deixar de receber e-mails sobre esta discussão?',
  unsubscribeAllText: (site) => `Deixar de receber todos os e-mails dos comentários de ${site}?`,
  unsubscribeButton: 'Deixar de receber e-mails',
  unsubscribedTitle: 'Concluído',
  unsubscribedText: 'Não receberá mais estes e-mails.',
  invalidTitle: 'Este link não funciona',
  invalidText: 'O link não é válido, ou já não é válido. Nada foi alterado.',
  followLink: 'Notificar-me por e-mail de cada novo comentário nesta discussão',
  followTitle: 'Acompanhar a discussão',
  followText: 'Receber um e-mail por cada novo comentário nesta discussão, e não só pelas respostas aos seus?',
  followButton: 'Sim, acompanhar a discussão',
  followedText: 'Concluído: receberá um aviso de cada novo comentário nesta discussão.',
};
