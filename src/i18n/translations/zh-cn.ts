/** Chinese, Simplified (简体中文). Registers `zh-CN`, also used for `zh`. Import for its side effect. */
import type { Translation } from '../localize.js';
import { registerTranslation } from '../registry.js';

const zhCN: Translation = {
  $code: 'zh-CN',
  $name: '简体中文',
  $dir: 'ltr',

  leaveReply: '发表回复',
  leaveReplyTo: (name) => `回复给 ${name}`,
  cancelReply: '取消回复',
  emailNotPublished: '您的电子邮箱地址不会被公开。',
  requiredFieldsMarked: '必填项已用 * 标注',
  commentLabel: '评论',
  nameLabel: '显示名称',
  emailLabel: '电子邮箱地址',
  websiteLabel: '网站地址',
  saveDetails: '在此浏览器中保存我的显示名称、邮箱地址和网站地址，以便下次评论时使用。',
  postComment: '发表评论',
  preview: '预览',
  write: '编写',
  nothingToPreview: '没有可预览的内容。',
  posting: '正在发表…',
  commentsClosed: '评论已关闭。',
  commentCount: (n) => `${n} 条评论`,
  loading: '正在加载评论…',
  noComments: '还没有评论。来发表第一条评论吧。',
  loadError: '无法加载评论。',
  retry: '重试',
  loadMore: '加载更多评论',
  loadingMore: '正在加载更多评论…',
  reply: '回复',
  replyTo: (name) => `回复 ${name}`,
  awaitingModeration: '您的评论正在等待审核。',
  browserOnly: '此页面上的评论只保存在此浏览器中，其他读者看不到。',
  commentPosted: '您的评论已发表。',
  commentHeld: '您的评论已发送，正在等待审核。',
  savedOffline: '已保存；恢复联网后将发送您的评论。',
  draftNotSaved: '无法在此浏览器中保存您的草稿。',
  newComments: (n) => `${n} 条新评论`,
  anonymous: '匿名',
  fixErrors: (n) => (n === 1 ? '请更正表单中的错误。' : `请更正表单中的 ${n} 处错误。`),

  errors: {
    required: (field) => `请填写“${field}”。`,
    tooLong: (field, max) => `“${field}”太长（最多 ${max} 个字符）。`,
    invalidEmail: () => '请输入有效的电子邮箱地址。',
    invalidUrl: () => '请输入有效的网址，例如 https://example.com。',
    unsafeUrl: () => '只允许以 http:// 或 https:// 开头的网址。',
    invalidText: (field) => `“${field}”包含无法保存的字符。`,
    invalidParent: () => '您要回复的评论已不存在。',
    invalidType: (field) => `“${field}”的值类型不正确。`,
    unknownField: () => '表单发送了服务器不接受的字段。',
  },

  failures: {
    network: '无法连接评论服务器。请检查网络连接后重试。',
    invalid: '评论未被接受。请检查表单。',
    'rate-limited': (s) =>
      s === undefined ? '您发表评论的速度太快了，请慢一点。' : `您发表评论的速度太快了。请等待 ${s} 秒后重试。`,
    conflict: '检测到重复评论；您似乎已经发表过相同的内容！',
    unauthorized: '您无权在此发表评论。',
    unavailable: '评论服务暂时不可用。请稍后重试。',
    closed: '抱歉，此内容的评论已关闭。',
    'not-found': '找不到此讨论。',
    aborted: '请求已取消。',
    timeout: '评论服务响应超时。请重试。',
    'bad-response': '评论服务返回了无法读取的响应。',
    storageFull: '此浏览器的存储空间已满，无法保存评论。',
    idempotencyMismatch: '此评论在发送过程中发生了变化。请重新发表。',
    anonymousDisabled: '本站不接受未登录访客的评论。站点所有者需要允许匿名评论。',
    duplicate: '检测到重复评论；您似乎已经发表过相同的内容！',
    tooLong: '评论太长。',
  },
};

registerTranslation(zhCN, { ...zhCN, $code: 'zh' });
export default zhCN;
