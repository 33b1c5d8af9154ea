/** Japanese (日本語). Import for its side effect. */
import type { Translation } from '../localize.js';
import { registerTranslation } from '../registry.js';

const ja: Translation = {
  $code: 'ja',
  $name: '日本語',
  $dir: 'ltr',

  leaveReply: 'コメントを残す',
  leaveReplyTo: (name) => `${name} に返信する`,
  cancelReply: '返信をキャンセル',
  emailNotPublished: 'メールアドレスが公開されることはありません。',
  requiredFieldsMarked: '* が付いている欄は必須項目です',
  commentLabel: 'コメント',
  nameLabel: '名前',
  emailLabel: 'メール',
  websiteLabel: 'サイト',
  saveDetails: '次回のコメントで使用するためブラウザーに自分の名前、メールアドレス、サイトを保存する。',
  postComment: 'コメントを送信',
  preview: 'プレビュー',
  write: '編集',
  nothingToPreview: 'プレビューする内容がありません。',
  posting: '送信中…',
  commentsClosed: 'コメントは受け付けていません。',
  commentCount: (n) => `${n} 件のコメント`,
  comments: 'コメント',
  heldCount: (n) => `${n} 件が承認待ち`,
  loading: 'コメントを読み込んでいます…',
  noComments: 'まだコメントはありません。最初のコメントを残しましょう。',
  loadError: 'コメントを読み込めませんでした。',
  retry: '再試行',
  loadMore: 'コメントをさらに読み込む',
  loadingMore: 'コメントをさらに読み込んでいます…',
  reply: '返信',
  replyTo: (name) => `${name} に返信`,
  awaitingModeration: 'コメントは承認待ちです。',
  edit: '編集',
  editLabel: 'コメントを編集',
  save: '保存',
  cancel: 'キャンセル',
  delete: '削除',
  confirmDelete: 'このコメントを削除しますか？',
  deleted: 'このコメントは削除されました。',
  edited: '編集済み',
  ownerBadge: '投稿者',
  commentUpdated: 'コメントを更新しました。',
  commentDeleted: 'コメントを削除しました。',
  browserOnly: 'このページのコメントはこのブラウザーにのみ保存され、ほかの読者には表示されません。',
  commentPosted: 'コメントを投稿しました。',
  commentHeld: 'コメントを送信しました。承認されると表示されます。',
  savedOffline: '保存しました。オンラインに戻ったらコメントを送信します。',
  draftNotSaved: 'このブラウザーでは下書きを保存できません。',
  newComments: (n) => `新しいコメント ${n} 件`,
  anonymous: '匿名',
  fixErrors: (n) =>
    n === 1 ? 'フォームのエラーを修正してください。' : `フォームの ${n} 件のエラーを修正してください。`,

  errors: {
    required: (field) => `「${field}」を入力してください。`,
    tooLong: (field, max) => `「${field}」が長すぎます（最大 ${max} 文字）。`,
    invalidEmail: () => '有効なメールアドレスを入力してください。',
    invalidUrl: () => '有効なウェブアドレスを入力してください（例: https://example.com）。',
    unsafeUrl: () => 'http:// または https:// で始まるウェブアドレスのみ使用できます。',
    invalidText: (field) => `「${field}」に保存できない文字が含まれています。`,
    invalidParent: () => '返信先のコメントはもう存在しません。',
    invalidType: (field) => `「${field}」の値の種類が正しくありません。`,
    unknownField: () => 'サーバーが受け付けない項目がフォームから送信されました。',
  },

  failures: {
    network: 'コメントサーバーに接続できませんでした。接続を確認して、もう一度お試しください。',
    invalid: 'コメントは受け付けられませんでした。フォームを確認してください。',
    'rate-limited': (s) =>
      s === undefined
        ? 'コメントの投稿が速すぎます。少し時間をおいてください。'
        : `コメントの投稿が速すぎます。${s} 秒待ってから、もう一度お試しください。`,
    conflict: '重複コメントが検出されました。同じコメントをすでに投稿しているようです。',
    unauthorized: 'ここにコメントを投稿する権限がありません。',
    unavailable: '現在コメントサービスを利用できません。しばらくしてからもう一度お試しください。',
    closed: '申し訳ありませんが、この項目へのコメントは受け付けていません。',
    'not-found': 'このディスカッションは見つかりませんでした。',
    aborted: 'リクエストはキャンセルされました。',
    timeout: 'コメントサービスの応答に時間がかかりすぎました。もう一度お試しください。',
    'bad-response': 'コメントサービスから読み取れない応答が返されました。',
    storageFull: 'このブラウザーの保存領域がいっぱいのため、コメントを保存できませんでした。',
    idempotencyMismatch: '送信中にコメントが変更されました。もう一度投稿してください。',
    anonymousDisabled:
      'このサイトはログインしていない訪問者のコメントを受け付けていません。サイトの管理者が匿名コメントを許可する必要があります。',
    duplicate: '重複コメントが検出されました。同じコメントをすでに投稿しているようです。',
    tooLong: 'コメントが長すぎます。',
    editWindowClosed: 'このコメントを変更できる時間は過ぎました。',
    notAuthor: 'このコメントを変更できるのは投稿者だけです。',
    gone: 'このコメントは削除されました。',
  },
};

registerTranslation(ja);
export default ja;
