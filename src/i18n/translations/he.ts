/** Hebrew (עברית), right to left. Import for its side effect. */
import type { Translation } from '../localize.js';
import { plural, registerTranslation } from '../registry.js';

const he: Translation = {
  $code: 'he',
  $name: 'עברית',
  $dir: 'rtl',

  leaveReply: 'כתיבת תגובה',
  leaveReplyTo: (name) => `תגובה ל־${name}`,
  cancelReply: 'ביטול תגובה',
  emailNotPublished: 'כתובת האימייל שלך לא תפורסם.',
  requiredFieldsMarked: 'שדות החובה מסומנים *',
  commentLabel: 'תגובה',
  nameLabel: 'שם',
  emailLabel: 'אימייל',
  websiteLabel: 'אתר',
  saveDetails: 'שמירת השם, האימייל והאתר שלי בדפדפן זה לפעם הבאה שאגיב.',
  postComment: 'פרסום תגובה',
  preview: 'תצוגה מקדימה',
  write: 'כתיבה',
  nothingToPreview: 'אין מה להציג בתצוגה מקדימה.',
  posting: 'מפרסם…',
  commentsClosed: 'התגובות סגורות.',
  commentCount: (n) => plural('he', n, { one: 'תגובה אחת', two: 'שתי תגובות', other: '# תגובות' }),
  comments: 'תגובות',
  heldCount: (n) =>
    plural('he', n, {
      one: 'תגובה אחת ממתינה לאישור',
      two: 'שתי תגובות ממתינות לאישור',
      other: '# תגובות ממתינות לאישור',
    }),
  loading: 'טוען תגובות…',
  noComments: 'אין עדיין תגובות. אפשר להגיב ראשונים.',
  loadError: 'לא ניתן היה לטעון את התגובות.',
  retry: 'ניסיון חוזר',
  loadMore: 'טעינת תגובות נוספות',
  loadingMore: 'טוען תגובות נוספות…',
  reply: 'להגיב',
  replyTo: (name) => `להגיב ל־${name}`,
  awaitingModeration: 'התגובה שלך ממתינה לאישור.',
  browserOnly: 'התגובות בדף זה נשמרות רק בדפדפן הזה; קוראים אחרים לא רואים אותן.',
  commentPosted: 'התגובה שלך פורסמה.',
  commentHeld: 'התגובה שלך נשלחה וממתינה לאישור.',
  savedOffline: 'נשמר; התגובה תישלח כשהחיבור לאינטרנט יחזור.',
  draftNotSaved: 'לא ניתן לשמור את הטיוטה בדפדפן הזה.',
  newComments: (n) => plural('he', n, { one: 'תגובה חדשה אחת', two: 'שתי תגובות חדשות', other: '# תגובות חדשות' }),
  anonymous: 'אנונימי',
  fixErrors: (n) => plural('he', n, { one: 'יש לתקן את השגיאה בטופס.', other: 'יש לתקן את # השגיאות בטופס.' }),

  errors: {
    required: (field) => `יש למלא את השדה „${field}”.`,
    tooLong: (field, max) => `„${field}” ארוך מדי (עד ${max} תווים).`,
    invalidEmail: () => 'יש להזין כתובת אימייל תקינה.',
    invalidUrl: () => 'יש להזין כתובת אינטרנט תקינה, למשל https://example.com.',
    unsafeUrl: () => 'מותרות רק כתובות אינטרנט שמתחילות ב־http://‎ או ב־https://‎.',
    invalidText: (field) => `„${field}” מכיל תווים שלא ניתן לשמור.`,
    invalidParent: () => 'התגובה שאליה מגיבים כבר לא קיימת.',
    invalidType: (field) => `ב„${field}” יש ערך מסוג שגוי.`,
    unknownField: () => 'הטופס שלח שדה שהשרת אינו מקבל.',
  },

  failures: {
    network: 'לא ניתן להתחבר לשרת התגובות. כדאי לבדוק את החיבור ולנסות שוב.',
    invalid: 'התגובה לא התקבלה. יש לבדוק את הטופס.',
    'rate-limited': (s) =>
      s === undefined
        ? 'שולחים תגובות מהר מדי. כדאי להאט.'
        : `שולחים תגובות מהר מדי. יש להמתין ${plural('he', s, { one: 'שנייה אחת', two: 'שתי שניות', other: '# שניות' })} ולנסות שוב.`,
    conflict: 'זוהתה תגובה כפולה; נראה שכבר אמרת את זה!',
    unauthorized: 'אין לך הרשאה להגיב כאן.',
    unavailable: 'שירות התגובות אינו זמין כרגע. יש לנסות שוב מאוחר יותר.',
    closed: 'מצטערים, התגובות לפריט זה סגורות.',
    'not-found': 'הדיון לא נמצא.',
    aborted: 'הבקשה בוטלה.',
    timeout: 'שירות התגובות לא ענה בזמן. יש לנסות שוב.',
    'bad-response': 'שירות התגובות שלח תשובה שלא ניתן לקרוא.',
    storageFull: 'האחסון של הדפדפן הזה מלא, ולכן לא ניתן היה לשמור את התגובה.',
    idempotencyMismatch: 'התגובה השתנתה בזמן השליחה. יש לפרסם אותה שוב.',
    anonymousDisabled: 'האתר אינו מקבל תגובות ממבקרים שאינם מחוברים. בעל האתר צריך לאפשר תגובות אנונימיות.',
    duplicate: 'זוהתה תגובה כפולה; נראה שכבר אמרת את זה!',
    tooLong: 'התגובה ארוכה מדי.',
  },
};

registerTranslation(he);
export default he;
