/** Simplified Chinese notification texts (polite `您`, as the element's zh-CN translation). */
import type { NotifyStrings } from '../i18n.js';

export const zhCN: NotifyStrings = {
  lang: 'zh-CN',
  dir: 'ltr',
  confirmSubject: (site) => `请确认您在 ${site} 接收回复通知的电子邮箱地址`,
  confirmIntro: (site) =>
    `有人（希望是您本人）使用此地址申请：当您在 ${site} 上的评论收到回复时，通过电子邮件通知您。如需确认，请打开此链接：`,
  confirmAction: '确认我的电子邮箱地址',
  confirmIgnore: '如果这不是您本人的操作，请忽略此邮件：除非确认，否则我们不会再向此地址发送任何邮件。',
  repliesSubject: (site, n) => (n === 1 ? `${site} 上有一条新回复` : `${site} 上有 ${n} 条新回复`),
  repliesIntro: (site, n) =>
    n === 1 ? `您在 ${site} 关注的讨论中有一条新评论：` : `您在 ${site} 关注的讨论中有 ${n} 条新评论：`,
  wrote: (name, date) => `${name} 写道（${date}）：`,
  viewComment: '在页面上查看',
  whyYouGetThis: (site) => `您收到此邮件，是因为您申请了接收 ${site} 上的回复通知。`,
  unsubscribeThread: '不再接收关于此讨论的邮件',
  unsubscribeAll: (site) => `不再接收来自 ${site} 的任何邮件`,
  confirmTitle: '确认您的电子邮箱地址',
  confirmPageText: (site) => `请确认：当有人回复您在 ${site} 上的评论时，您希望收到电子邮件通知。`,
  confirmButton: '是的，有回复时通知我',
  confirmedTitle: '电子邮箱地址已确认',
  confirmedText: '谢谢。有人回复时，您会收到电子邮件。每封邮件中都有停止接收的链接。',
  unsubscribeTitle: '停止接收邮件',
  unsubscribeThreadText: '不再接收关于此讨论的邮件？',
  unsubscribeAllText: (site) => `不再接收 ${site} 评论的任何邮件？`,
  unsubscribeButton: '停止接收邮件',
  unsubscribedTitle: '已完成',
  unsubscribedText: '您将不会再收到这些邮件。',
  invalidTitle: '此链接无效',
  invalidText: '该链接无效或已失效。未做任何更改。',
  followLink: '此讨论中每有一条新评论，都通过电子邮件通知我',
  followTitle: '关注此讨论',
  followText: '是否接收此讨论中每条新评论的邮件通知，而不仅仅是对您评论的回复？',
  followButton: '是的，关注此讨论',
  followedText: '已完成：此讨论中有任何新评论时，您都会收到通知。',
};
