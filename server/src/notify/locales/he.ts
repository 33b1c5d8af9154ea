/**
 * Hebrew notification texts (right to left), in the plural address of the element's Hebrew
 * translation (“הודיעו לי”), so that no sentence depends on the reader's gender.
 */
import type { NotifyStrings } from '../i18n.js';
import { plural } from './plural.js';

export const he: NotifyStrings = {
  lang: 'he',
  dir: 'rtl',
  confirmSubject: (site) => `אישור כתובת האימייל לקבלת תשובות ב־${site}`,
  confirmIntro: (site) =>
    `מישהו (אנחנו מקווים שאתם) ביקש לקבל לכתובת הזו הודעות אימייל על תשובות לתגובה ב־${site}. כדי לאשר, יש לפתוח את הקישור הזה:`,
  confirmAction: 'אישור כתובת האימייל שלי',
  confirmIgnore: 'אם לא אתם ביקשתם זאת, אפשר להתעלם מהאימייל הזה: בלי אישור לא יישלח דבר נוסף לכתובת הזו.',
  repliesSubject: (site, n) =>
    `${plural('he', n, { one: 'תשובה חדשה', two: 'שתי תשובות חדשות', other: '# תשובות חדשות' })} ב־${site}`,
  repliesIntro: (site, n) =>
    `${plural('he', n, {
      one: 'יש תגובה חדשה',
      two: 'יש שתי תגובות חדשות',
      other: 'יש # תגובות חדשות',
    })} בדיון שאתם עוקבים אחריו ב־${site}:`,
  wrote: (name, date) => `מאת ${name} (${date}):`,
  viewComment: 'לצפייה בעמוד',
  whyYouGetThis: (site) => `האימייל הזה נשלח אליכם כי ביקשתם לקבל הודעה על תשובות ב־${site}.`,
  unsubscribeThread: 'הפסקת האימיילים על הדיון הזה',
  unsubscribeAll: (site) => `הפסקת כל האימיילים מ־${site}`,
  confirmTitle: 'אישור כתובת האימייל',
  confirmPageText: (site) => `יש לאשר שאתם רוצים לקבל אימייל על תשובות לתגובות שלכם ב־${site}.`,
  confirmButton: 'כן, לשלוח לי אימייל על תשובות',
  confirmedTitle: 'כתובת האימייל אושרה',
  confirmedText: 'תודה. תקבלו אימייל כשמישהו יגיב. בכל אימייל יש קישור להפסקת ההודעות.',
  unsubscribeTitle: 'הפסקת האימיילים',
  unsubscribeThreadText: 'להפסיק את האימיילים על הדיון הזה?',
  unsubscribeAllText: (site) => `להפסיק את כל האימיילים מהתגובות ב־${site}?`,
  unsubscribeButton: 'הפסקת האימיילים',
  unsubscribedTitle: 'בוצע',
  unsubscribedText: 'לא תקבלו עוד את האימיילים האלה.',
  invalidTitle: 'הקישור הזה לא עובד',
  invalidText: 'הקישור לא תקין, או שכבר אינו בתוקף. שום דבר לא שונה.',
  followLink: 'לשלוח לי אימייל על כל תגובה חדשה בדיון הזה',
  followTitle: 'מעקב אחרי הדיון',
  followText: 'לקבל אימייל על כל תגובה חדשה בדיון הזה, ולא רק על תשובות לתגובות שלכם?',
  followButton: 'כן, לעקוב אחרי הדיון',
  followedText: 'בוצע: תקבלו הודעה על כל תגובה חדשה בדיון הזה.',
};
