/** Arabic (العربية), right to left. Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const ar: Translation = {
  $code: 'ar',
  $name: 'العربية',
  $dir: 'rtl',

  leaveReply: 'اترك تعليقاً',
  leaveReplyTo: (name) => `اترك رداً على ${name}`,
  cancelReply: 'إلغاء الرد',
  emailNotPublished: 'لن يتم نشر عنوان بريدك الإلكتروني.',
  requiredFieldsMarked: 'الحقول الإلزامية مشار إليها بـ *',
  commentLabel: 'التعليق',
  nameLabel: 'الاسم',
  emailLabel: 'البريد الإلكتروني',
  websiteLabel: 'الموقع الإلكتروني',
  saveDetails:
    'احفظ اسمي وبريدي الإلكتروني وموقعي الإلكتروني في هذا المتصفح لاستخدامها في المرة القادمة التي أعلّق فيها.',
  notifyReplies: 'أبلغني بالتعليقات اللاحقة عبر البريد الإلكتروني.',
  notifyConfirm: 'يصل إلى العنوان الجديد أولًا بريد واحد لتأكيده.',
  postComment: 'إرسال التعليق',
  preview: 'معاينة',
  write: 'كتابة',
  nothingToPreview: 'لا يوجد ما يمكن معاينته.',
  posting: 'جارٍ الإرسال…',
  commentsClosed: 'التعليقات مغلقة.',
  commentCount: (n) =>
    plural('ar', n, {
      zero: 'لا توجد تعليقات',
      one: 'تعليق واحد',
      two: 'تعليقان',
      few: '# تعليقات',
      many: '# تعليقًا',
      other: '# تعليق',
    }),
  comments: 'التعليقات',
  heldCount: (n) =>
    plural('ar', n, {
      one: 'تعليق واحد بانتظار المراجعة',
      two: 'تعليقان بانتظار المراجعة',
      few: '# تعليقات بانتظار المراجعة',
      many: '# تعليقًا بانتظار المراجعة',
      other: '# تعليق بانتظار المراجعة',
    }),
  loading: 'جارٍ تحميل التعليقات…',
  noComments: 'لا توجد تعليقات بعد. كن أول من يعلّق.',
  loadError: 'تعذّر تحميل التعليقات.',
  retry: 'إعادة المحاولة',
  loadMore: 'تحميل المزيد من التعليقات',
  loadingMore: 'جارٍ تحميل المزيد من التعليقات…',
  reply: 'رد',
  replyTo: (name) => `رد على ${name}`,
  inReplyTo: (name) => `ردًا على ${name}`,
  awaitingModeration: 'تعليقك بانتظار المراجعة.',
  edit: 'تعديل',
  editLabel: 'عدّل تعليقك',
  save: 'حفظ',
  cancel: 'إلغاء',
  delete: 'حذف',
  confirmDelete: 'حذف هذا التعليق؟',
  deleted: 'حُذف هذا التعليق.',
  edited: 'معدّل',
  ownerBadge: 'الكاتب',
  commentUpdated: 'حُدّث التعليق.',
  commentDeleted: 'حُذف التعليق.',
  browserOnly: 'تُحفظ التعليقات في هذه الصفحة في هذا المتصفح فقط؛ ولا يراها القرّاء الآخرون.',
  commentPosted: 'تم نشر تعليقك.',
  commentHeld: 'تم إرسال تعليقك وهو بانتظار المراجعة.',
  savedOffline: 'تم الحفظ؛ سيُرسَل تعليقك عند عودتك إلى الاتصال بالإنترنت.',
  draftNotSaved: 'لا يمكن حفظ مسودتك في هذا المتصفح.',
  newComments: (n) =>
    plural('ar', n, {
      one: 'تعليق جديد واحد',
      two: 'تعليقان جديدان',
      few: '# تعليقات جديدة',
      many: '# تعليقًا جديدًا',
      other: '# تعليق جديد',
    }),
  anonymous: 'مجهول',
  fixErrors: (n) =>
    plural('ar', n, {
      one: 'يُرجى تصحيح الخطأ في النموذج.',
      two: 'يُرجى تصحيح الخطأين في النموذج.',
      few: 'يُرجى تصحيح # أخطاء في النموذج.',
      many: 'يُرجى تصحيح # خطأً في النموذج.',
      other: 'يُرجى تصحيح # خطأ في النموذج.',
    }),

  errors: {
    required: (field) => `يُرجى ملء حقل «${field}».`,
    tooLong: (field, max) => `«${field}» طويل جداً (${max} حرفاً كحد أقصى).`,
    invalidEmail: () => 'يُرجى إدخال عنوان بريد إلكتروني صالح.',
    invalidUrl: () => 'يُرجى إدخال عنوان ويب صالح، مثل https://example.com.',
    unsafeUrl: () => 'يُسمح فقط بعناوين الويب التي تبدأ بـ http:// أو https://.',
    invalidText: (field) => `يحتوي «${field}» على أحرف لا يمكن حفظها.`,
    invalidParent: () => 'التعليق الذي ترد عليه لم يعد موجوداً.',
    invalidType: (field) => `قيمة «${field}» من نوع غير صحيح.`,
    unknownField: () => 'أرسل النموذج حقلاً لا يقبله الخادم.',
  },

  failures: {
    network: 'تعذّر الاتصال بخادم التعليقات. تحقق من اتصالك وحاول مرة أخرى.',
    invalid: 'لم يُقبل التعليق. يُرجى مراجعة النموذج.',
    'rate-limited': (s) =>
      s === undefined
        ? 'أنت ترسل التعليقات بسرعة كبيرة. تمهّل قليلاً.'
        : `أنت ترسل التعليقات بسرعة كبيرة. يُرجى الانتظار ${plural('ar', s, { one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' })} ثم المحاولة مرة أخرى.`,
    conflict: 'تم اكتشاف تعليق مكرر؛ يبدو أنك قلت هذا من قبل!',
    unauthorized: 'غير مسموح لك بالتعليق هنا.',
    unavailable: 'خدمة التعليقات غير متاحة حالياً. يُرجى المحاولة لاحقاً.',
    closed: 'عذراً، التعليقات مغلقة على هذا العنصر.',
    'not-found': 'تعذّر العثور على هذا النقاش.',
    aborted: 'أُلغي الطلب.',
    timeout: 'استغرقت خدمة التعليقات وقتاً طويلاً للرد. يُرجى المحاولة مرة أخرى.',
    'bad-response': 'أرسلت خدمة التعليقات رداً تعذّرت قراءته.',
    storageFull: 'مساحة التخزين في هذا المتصفح ممتلئة، لذا تعذّر حفظ التعليق.',
    idempotencyMismatch: 'تغيّر هذا التعليق أثناء إرساله. يُرجى نشره مرة أخرى.',
    anonymousDisabled:
      'لا يقبل هذا الموقع تعليقات الزوار غير المسجلين دخولهم. يجب أن يسمح مالك الموقع بالتعليقات المجهولة.',
    duplicate: 'تم اكتشاف تعليق مكرر؛ يبدو أنك قلت هذا من قبل!',
    tooLong: 'التعليق طويل جداً.',
    editWindowClosed: 'انتهى وقت تعديل هذا التعليق.',
    notAuthor: 'لا يمكن تعديل هذا التعليق إلا لكاتبه.',
    gone: 'حُذف هذا التعليق.',
  },
};

registerTranslation(ar);
export default ar;
