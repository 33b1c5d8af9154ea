/** Japanese notification texts (polite form, as the element's Japanese translation). */
import type { NotifyStrings } from '../i18n.js';

export const ja: NotifyStrings = {
  lang: 'ja',
  dir: 'ltr',
  confirmSubject: (site) => `${site}：返信通知のメールアドレスをご確認ください`,
  confirmIntro: (site) =>
    `${site} のコメントへの返信をこのアドレスにメールで通知するよう、どなたか（おそらくご本人）からお申し込みがありました。確認するには、次のリンクを開いてください：`,
  confirmAction: 'メールアドレスを確認する',
  confirmIgnore:
    'お心当たりがない場合は、このメールを無視してください。確認されない限り、このアドレスに今後メールが送られることはありません。',
  repliesSubject: (site, n) =>
    n === 1 ? `${site} に新しい返信があります` : `${site} に ${n} 件の新しい返信があります`,
  repliesIntro: (site, n) =>
    n === 1
      ? `${site} でフォローしているディスカッションに新しいコメントがあります：`
      : `${site} でフォローしているディスカッションに ${n} 件の新しいコメントがあります：`,
  wrote: (name, date) => `${name} さんのコメント（${date}）：`,
  viewComment: 'ページで見る',
  whyYouGetThis: (site) => `${site} での返信の通知をお申し込みいただいたため、このメールをお送りしています。`,
  unsubscribeThread: 'このディスカッションに関するメールを停止する',
  unsubscribeAll: (site) => `${site} からのメールをすべて停止する`,
  confirmTitle: 'メールアドレスの確認',
  confirmPageText: (site) => `${site} でのあなたのコメントへの返信をメールで受け取ることを確認してください。`,
  confirmButton: 'はい、返信をメールで受け取ります',
  confirmedTitle: 'メールアドレスを確認しました',
  confirmedText:
    'ありがとうございます。返信があるとメールでお知らせします。各メールには配信を停止するためのリンクがあります。',
  unsubscribeTitle: 'メールの停止',
  unsubscribeThreadText: 'このディスカッションに関するメールを停止しますか？',
  unsubscribeAllText: (site) => `${site} のコメントに関するメールをすべて停止しますか？`,
  unsubscribeButton: 'メールを停止する',
  unsubscribedTitle: '完了しました',
  unsubscribedText: '今後これらのメールは届きません。',
  invalidTitle: 'このリンクは使用できません',
  invalidText: 'リンクが無効か、有効期限が切れています。変更は行われていません。',
  followLink: 'このディスカッションの新しいコメントをすべてメールで通知する',
  followTitle: 'ディスカッションをフォロー',
  followText:
    '自分のコメントへの返信だけでなく、このディスカッションのすべての新しいコメントについてメールを受け取りますか？',
  followButton: 'はい、フォローします',
  followedText: '完了しました。このディスカッションに新しいコメントがあるたびにお知らせします。',
};
