/**
 * Arabic notification texts (right to left). Counts take Arabic plural forms (رد، ردّان، 3 ردود،
 * 11 ردًا، 100 رد).
 */
import type { NotifyStrings } from '../i18n.js';
import { plural } from './plural.js';

export const ar: NotifyStrings = {
  lang: 'ar',
  dir: 'rtl',
  confirmSubject: (site) => `أكِّد بريدك الإلكتروني لتلقي إشعارات الردود في ${site}`,
  confirmIntro: (site) =>
    `طلب أحدهم (نرجو أن تكون أنت) تلقي رسائل بريد إلكتروني على هذا العنوان عند الرد على تعليق في ${site}. للتأكيد، افتح هذا الرابط:`,
  confirmAction: 'تأكيد عنوان بريدي الإلكتروني',
  confirmIgnore: 'إن لم تكن أنت صاحب الطلب، فتجاهل هذه الرسالة: لن يُرسَل أي شيء آخر إلى هذا العنوان ما لم يتم تأكيده.',
  repliesSubject: (site, n) =>
    `${plural('ar', n, {
      one: 'رد جديد',
      two: 'ردّان جديدان',
      few: '# ردود جديدة',
      many: '# ردًا جديدًا',
      other: '# رد جديد',
    })} في ${site}`,
  repliesIntro: (site, n) =>
    `${plural('ar', n, {
      one: 'يوجد تعليق جديد',
      two: 'يوجد تعليقان جديدان',
      few: 'توجد # تعليقات جديدة',
      many: 'يوجد # تعليقًا جديدًا',
      other: 'يوجد # تعليق جديد',
    })} في نقاش تتابعه في ${site}:`,
  wrote: (name, date) => `كتب ${name} (${date}):`,
  viewComment: 'عرض التعليق في الصفحة',
  whyYouGetThis: (site) => `تصلك هذه الرسالة لأنك طلبت إشعارك بالردود في ${site}.`,
  unsubscribeThread: 'إيقاف الرسائل المتعلقة بهذا النقاش',
  unsubscribeAll: (site) => `إيقاف جميع الرسائل من ${site}`,
  confirmTitle: 'تأكيد عنوان بريدك الإلكتروني',
  confirmPageText: (site) => `أكِّد أنك تريد تلقي رسائل بريد إلكتروني عند الرد على تعليقاتك في ${site}.`,
  confirmButton: 'نعم، أبلغني بالردود',
  confirmedTitle: 'تم تأكيد عنوان البريد الإلكتروني',
  confirmedText: 'شكرًا لك. ستصلك رسالة عندما يرد أحدهم. تحتوي كل رسالة على رابط لإيقاف هذه الرسائل.',
  unsubscribeTitle: 'إيقاف الرسائل',
  unsubscribeThreadText: 'هل تريد إيقاف الرسائل المتعلقة بهذا النقاش؟',
  unsubscribeAllText: (site) => `هل تريد إيقاف جميع رسائل التعليقات من ${site}؟`,
  unsubscribeButton: 'إيقاف الرسائل',
  unsubscribedTitle: 'تم',
  unsubscribedText: 'لن تصلك هذه الرسائل بعد الآن.',
  invalidTitle: 'هذا الرابط لا يعمل',
  invalidText: 'الرابط غير صالح أو لم يعد صالحًا. لم يتغير شيء.',
  followLink: 'أبلغني بالبريد الإلكتروني بكل تعليق جديد في هذا النقاش',
  followTitle: 'متابعة النقاش',
  followText: 'هل تريد تلقي رسالة عن كل تعليق جديد في هذا النقاش، وليس عن الردود على تعليقاتك فقط؟',
  followButton: 'نعم، متابعة النقاش',
  followedText: 'تم: ستصلك رسالة عن كل تعليق جديد في هذا النقاش.',
};
